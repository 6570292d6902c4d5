// The experts a folder defines in `.claude/agents/*.md` (Claude Code's subagent format), read from
// disk. The editor reads the same files through its own file system; both parse with the domain.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { MAX_AGENT_BODY_BYTES, parseAgentFile, type ExpertDefinition, type ExpertProblem } from '../review';

const MAX_FILES = 100;

export async function readAgentExperts(
  root: string,
): Promise<{ experts: ExpertDefinition[]; problems: ExpertProblem[] }> {
  const dir = join(root, '.claude', 'agents');
  const names = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  const experts: ExpertDefinition[] = [];
  const problems: ExpertProblem[] = [];
  // Regular files only: a symbolic link could point anywhere on the machine.
  const files = names
    .filter((d) => d.isFile() && d.name.endsWith('.md'))
    .map((d) => d.name)
    .sort()
    .slice(0, MAX_FILES);
  for (const name of files) {
    const source = `.claude/agents/${name}`;
    try {
      const { size } = await fsp.stat(join(dir, name));
      if (size > MAX_AGENT_BODY_BYTES + 16 * 1024) {
        problems.push({
          source,
          reason: `the file is ${Math.ceil(size / 1024)} KiB; an agent file's body may be at most ${MAX_AGENT_BODY_BYTES / 1024} KiB`,
        });
        continue;
      }
      const parsed = parseAgentFile(source, await fsp.readFile(join(dir, name), 'utf8'));
      if (parsed.ok) experts.push(parsed.expert);
      else problems.push(parsed.problem);
    } catch (err) {
      problems.push({ source, reason: `unreadable: ${(err as Error).message}` });
    }
  }
  return { experts, problems };
}
