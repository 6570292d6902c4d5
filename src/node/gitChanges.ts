import { createGitRunner, type GitRunner } from './safeGit';

const MAX_UNTRACKED = 50;
const CONTEXT_LINES = 10;

/**
 * Uncommitted changes (staged and unstaged, against HEAD) as one unified diff with surrounding
 * lines, plus new untracked files shown as additions. Paths are relative to `root`. Git runs through
 * the safe runner only (no fsmonitor, hooks, external diff, textconv or filters from the repository).
 */
export async function uncommittedDiff(
  root: string,
  git: GitRunner = createGitRunner({ untrustedRoots: [root] }),
): Promise<string> {
  const inside = (await git.run(root, ['rev-parse', '--is-inside-work-tree']).catch(() => '')).trim();
  if (inside !== 'true')
    throw new Error('This folder is not a git repository, so there are no uncommitted changes to review.');
  const hasHead = await git.run(root, ['rev-parse', '--verify', 'HEAD']).then(
    () => true,
    () => false,
  );
  const tracked = hasHead
    ? await git.run(root, ['diff', 'HEAD', `-U${CONTEXT_LINES}`, '--relative', '--no-color'])
    : '';
  const untracked = (await git.run(root, ['ls-files', '--others', '--exclude-standard']))
    .split('\n')
    .filter(Boolean)
    .slice(0, MAX_UNTRACKED);
  const added: string[] = [];
  for (const file of untracked) {
    // --no-index exits 1 when the files differ, which is always the case here.
    added.push(
      await git.run(root, ['diff', '--no-index', '--no-color', `-U${CONTEXT_LINES}`, '--', '/dev/null', file], [1]),
    );
  }
  return [tracked, ...added].filter((d) => d.trim()).join('\n');
}
