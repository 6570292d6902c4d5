import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAX_UNTRACKED = 50;
const CONTEXT_LINES = 10;

async function git(cwd: string, args: string[], okCodes: number[] = [0]): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const e = err as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code === 'number' && okCodes.includes(e.code) && typeof e.stdout === 'string') return e.stdout;
    if (e.code === 'ENOENT') throw new Error('git was not found on PATH: install git to review uncommitted changes.');
    throw new Error(`git ${args[0]} failed: ${(e.stderr ?? String(err)).trim()}`);
  }
}

/**
 * Uncommitted changes (staged and unstaged, against HEAD) as one unified diff with surrounding
 * lines, plus new untracked files shown as additions. Paths are relative to `root`.
 */
export async function uncommittedDiff(root: string): Promise<string> {
  const inside = (await git(root, ['rev-parse', '--is-inside-work-tree']).catch(() => '')).trim();
  if (inside !== 'true') throw new Error('This folder is not a git repository, so there are no uncommitted changes to review.');
  const hasHead = await git(root, ['rev-parse', '--verify', 'HEAD']).then(() => true, () => false);
  const tracked = hasHead ? await git(root, ['diff', 'HEAD', `-U${CONTEXT_LINES}`, '--relative', '--no-color', '--no-ext-diff']) : '';
  const untracked = (await git(root, ['ls-files', '--others', '--exclude-standard']))
    .split('\n')
    .filter(Boolean)
    .slice(0, MAX_UNTRACKED);
  const added: string[] = [];
  for (const file of untracked) {
    // --no-index exits 1 when the files differ, which is always the case here.
    added.push(await git(root, ['diff', '--no-index', '--no-color', `-U${CONTEXT_LINES}`, '--', '/dev/null', file], [1]));
  }
  return [tracked, ...added].filter((d) => d.trim()).join('\n');
}
