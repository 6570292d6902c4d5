// The experts a folder defines in `.claude/agents/*.md` (Claude Code's subagent format). The command
// line reads them through a WorkspaceFs: the folder on disk for a paths review, the change's base for a
// git scope (a pull request must not rewrite the reviewer it asked for, as with rules files). The editor
// reads the same files through its own file system; both parse with the domain.
import { join } from 'node:path';
import { MAX_AGENT_BODY_BYTES, parseAgentFile, type ExpertDefinition, type ExpertProblem } from '../review';
import type { WorkspaceFs } from '../policy';
import { nodeWorkspaceFs } from './nodeWorkspaceFs';

const MAX_FILES = 100;

export async function readAgentExperts(
  root: string,
  fs: WorkspaceFs = nodeWorkspaceFs,
): Promise<{ experts: ExpertDefinition[]; problems: ExpertProblem[] }> {
  const dir = join(root, '.claude', 'agents');
  const entries = await fs.readDirectory(dir).catch(() => []);
  const experts: ExpertDefinition[] = [];
  const problems: ExpertProblem[] = [];
  // Regular files only: a symbolic link could point anywhere on the machine.
  const files = entries
    .filter(([name, type]) => type === 'file' && name.endsWith('.md'))
    .map(([name]) => name)
    .sort()
    .slice(0, MAX_FILES);
  for (const name of files) {
    const source = `.claude/agents/${name}`;
    try {
      const { size } = await fs.stat(join(dir, name));
      if (size > MAX_AGENT_BODY_BYTES + 16 * 1024) {
        problems.push({
          source,
          reason: `the file is ${Math.ceil(size / 1024)} KiB; an agent file's body may be at most ${MAX_AGENT_BODY_BYTES / 1024} KiB`,
        });
        continue;
      }
      const text = new TextDecoder().decode(await fs.readFile(join(dir, name)));
      const parsed = parseAgentFile(source, text);
      if (parsed.ok) experts.push(parsed.expert);
      else problems.push(parsed.problem);
    } catch (err) {
      problems.push({ source, reason: `unreadable: ${(err as Error).message}` });
    }
  }
  return { experts, problems };
}
