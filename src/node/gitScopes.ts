// The diffs a review can be scoped to besides uncommitted changes: the index (`--staged`), a branch
// against its merge-base with another ref (`--base`), and a commit or range (`--commit`). Git runs
// through the safe runner only; refs are checked so none can be read as an option.
import { uncommittedDiff } from './gitChanges';
import { createGitRunner, GitError, type GitRunner } from './safeGit';

const CONTEXT_LINES = 10;

export type GitScope =
  | { kind: 'uncommitted' }
  | { kind: 'staged' }
  /** The current HEAD against the merge-base of HEAD and `base` (what a pull request shows). */
  | { kind: 'base'; base: string }
  /** One commit (against its first parent) or a range `a..b` / `a...b`. */
  | { kind: 'commit'; rev: string };

const DIFF = ['diff', `-U${CONTEXT_LINES}`, '--relative', '--no-color'];

/** A ref as given by a user: anything starting with '-' would be taken as an option by git. */
function checkedRef(ref: string): string {
  const trimmed = ref.trim();
  if (!trimmed || trimmed.startsWith('-') || /[\s\0]/.test(trimmed)) throw new GitError(`Not a git revision: ${JSON.stringify(ref)}`);
  return trimmed;
}

async function verify(git: GitRunner, root: string, rev: string): Promise<string> {
  return (await git.run(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => {
    throw new GitError(`Unknown git revision: ${rev}`);
  })).trim();
}

/** The diff of `scope` in the repository at `root`, paths relative to `root`. */
export async function scopeDiff(root: string, scope: GitScope, git: GitRunner = createGitRunner({ untrustedRoots: [root] })): Promise<string> {
  switch (scope.kind) {
    case 'uncommitted':
      return uncommittedDiff(root, git);
    case 'staged':
      return git.run(root, [...DIFF, '--cached']);
    case 'base': {
      const base = await verify(git, root, checkedRef(scope.base));
      const mergeBase = (await git.run(root, ['merge-base', base, 'HEAD'])).trim();
      return git.run(root, [...DIFF, mergeBase, 'HEAD']);
    }
    case 'commit': {
      const rev = checkedRef(scope.rev);
      const range = /^(.*?)(\.\.\.?)(.*)$/.exec(rev);
      if (range) {
        const from = await verify(git, root, range[1] || 'HEAD');
        const to = await verify(git, root, range[3] || 'HEAD');
        // a...b is b against the merge-base, as `git diff a...b` shows it.
        const start = range[2] === '...' ? (await git.run(root, ['merge-base', from, to])).trim() : from;
        return git.run(root, [...DIFF, start, to]);
      }
      const commit = await verify(git, root, rev);
      // --root shows a first commit against the empty tree.
      return git.run(root, ['show', '--format=', '--root', `-U${CONTEXT_LINES}`, '--relative', '--no-color', commit]);
    }
  }
}

/** "Staged changes", "Changes against main", "Commit abc123": a title for the scope. */
export function scopeTitle(scope: GitScope): string {
  switch (scope.kind) {
    case 'uncommitted':
      return 'Uncommitted changes';
    case 'staged':
      return 'Staged changes';
    case 'base':
      return `Changes against ${scope.base}`;
    case 'commit':
      return scope.rev.includes('..') ? `Commits ${scope.rev}` : `Commit ${scope.rev}`;
  }
}
