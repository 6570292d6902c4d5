// The diffs a review can be scoped to besides uncommitted changes: the index (`--staged`), a branch
// against its merge-base with another ref (`--base`), and a commit or range (`--commit`). Git runs
// through the safe runner only; refs are checked so none can be read as an option. Each scope also
// names its base (HEAD, the merge-base, the parent): the rules files a review applies are read there,
// never from the change itself.
import type { RulesSource } from '../review';
import { uncommittedDiff } from './gitChanges';
import { gitRevisionFs } from './gitRevisionFs';
import { createGitRunner, GitError, type GitRunner } from './safeGit';

/** Lines of unchanged code around each hunk: enough for an expert to read the change in its function. */
const CONTEXT_LINES = 10;

export type GitScope =
  | { kind: 'uncommitted' }
  | { kind: 'staged' }
  /** The current HEAD against the merge-base of HEAD and `base` (what a pull request shows). */
  | { kind: 'base'; base: string }
  /** One commit (against its first parent) or a range `a..b` / `a...b`. */
  | { kind: 'commit'; rev: string };

/** A scope's diff, a title for panels and reports, and what it is in words for the experts. */
export interface ScopeDiff {
  diffText: string;
  /** "Staged changes", "branch feature-x vs main (merge-base abc1234)", "commit abc1234 Fix paging". */
  title: string;
  /** Completes "The code under review is …" in the cached prompt. */
  describes: string;
  /** The rules files as they were at the change's base: HEAD, the merge-base, the parent, the range's start. */
  rulesAt: RulesSource;
  /** Branch and commit scopes: the commit messages, newest first (the author's intent for the experts). */
  intent?: string;
}

/** Commit messages read for a branch or range: a pull request's worth; older ones add little. */
const MAX_INTENT_COMMITS = 30;

/** The messages of the commits in `range` ("a..b", or one commit with -1), newest first; '' when git cannot say. */
async function commitMessages(git: GitRunner, root: string, range: string[]): Promise<string> {
  const out = await git
    .run(root, ['log', '--no-color', '--no-merges', `--max-count=${MAX_INTENT_COMMITS}`, '--format=%B%x00', ...range])
    .catch(() => '');
  return out
    .split('\0')
    .map((m) => m.trim())
    .filter(Boolean)
    .join('\n\n---\n\n');
}

const withIntent = (scope: ScopeDiff, intent: string): ScopeDiff => (intent ? { ...scope, intent } : scope);

const DIFF = ['diff', `-U${CONTEXT_LINES}`, '--relative', '--no-color'];

/** A ref as given by a user: anything starting with '-' would be taken as an option by git. */
function checkedRef(ref: string): string {
  const trimmed = ref.trim();
  if (!trimmed || trimmed.startsWith('-') || /[\s\0]/.test(trimmed))
    throw new GitError(`Not a git revision: ${JSON.stringify(ref)}`);
  return trimmed;
}

async function verify(git: GitRunner, root: string, rev: string): Promise<string> {
  return (
    await git.run(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => {
      throw new GitError(`Unknown git revision: ${rev}`);
    })
  ).trim();
}

const short = (sha: string) => sha.slice(0, 7);

/** The commit `rev` names, or undefined when there is none (no HEAD yet, a first commit's parent). */
async function commitOrNone(git: GitRunner, root: string, rev: string): Promise<string | undefined> {
  const out = await git
    .run(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`])
    .catch(() => '');
  return out.trim() || undefined;
}

function rulesAt(root: string, git: GitRunner, commit: string | undefined, revision: string): RulesSource {
  return { fs: gitRevisionFs(root, commit, git), revision };
}

async function currentBranch(git: GitRunner, root: string): Promise<string> {
  const name = (await git.run(root, ['rev-parse', '--abbrev-ref', 'HEAD']).catch(() => 'HEAD')).trim();
  return name === 'HEAD' ? 'HEAD (detached)' : name;
}

/** The diff of `scope` in the repository at `root`, paths relative to `root`, with its title. */
export async function resolveScope(
  root: string,
  scope: GitScope,
  git: GitRunner = createGitRunner({ untrustedRoots: [root] }),
): Promise<ScopeDiff> {
  switch (scope.kind) {
    case 'uncommitted':
      return {
        diffText: await uncommittedDiff(root, git),
        title: 'Uncommitted changes',
        describes: "the user's uncommitted changes (a diff against the last commit)",
        rulesAt: await headRules(root, git),
      };
    case 'staged':
      return {
        diffText: await git.run(root, [...DIFF, '--cached']),
        title: 'Staged changes',
        describes: "the user's staged changes (the index against the last commit)",
        rulesAt: await headRules(root, git),
      };
    case 'base': {
      const baseName = checkedRef(scope.base);
      const base = await verify(git, root, baseName).catch(async (err: Error) => {
        throw await withShallowHint(git, root, err, `${baseName} is not in this clone`);
      });
      const mergeBase = (
        await git.run(root, ['merge-base', base, 'HEAD']).catch(async (err: Error) => {
          throw await withShallowHint(git, root, err, `no merge-base of HEAD and ${baseName} was found`);
        })
      ).trim();
      const branch = await currentBranch(git, root);
      return withIntent(
        {
          diffText: await git.run(root, [...DIFF, mergeBase, 'HEAD']),
          title: `branch ${branch} vs ${baseName} (merge-base ${short(mergeBase)})`,
          describes: `the changes of branch ${branch} since it left ${baseName} (a diff of its last commit against the merge-base ${short(mergeBase)})`,
          rulesAt: rulesAt(root, git, mergeBase, `the merge-base ${short(mergeBase)}`),
        },
        await commitMessages(git, root, ['--end-of-options', `${mergeBase}..HEAD`]),
      );
    }
    case 'commit': {
      const rev = checkedRef(scope.rev);
      const range = /^(.*?)(\.\.\.?)(.*)$/.exec(rev);
      if (range) {
        const from = await verify(git, root, range[1] || 'HEAD');
        const to = await verify(git, root, range[3] || 'HEAD');
        // a...b is b against the merge-base, as `git diff a...b` shows it.
        const start = range[2] === '...' ? (await git.run(root, ['merge-base', from, to])).trim() : from;
        return withIntent(
          {
            diffText: await git.run(root, [...DIFF, start, to]),
            title: `commits ${rev}`,
            describes: `the commits ${rev} (a diff of ${short(to)} against ${short(start)})`,
            rulesAt: rulesAt(root, git, start, `${short(start)}, where the range starts`),
          },
          await commitMessages(git, root, ['--end-of-options', `${start}..${to}`]),
        );
      }
      const commit = await verify(git, root, rev);
      const parent = await commitOrNone(git, root, `${commit}^1`);
      const subject = (await git.run(root, ['log', '-1', '--format=%s', commit]).catch(() => '')).trim();
      const scopeDiff: ScopeDiff = {
        // --root shows a first commit against the empty tree.
        diffText: await git.run(root, [
          'show',
          '--format=',
          '--root',
          `-U${CONTEXT_LINES}`,
          '--relative',
          '--no-color',
          commit,
        ]),
        title: `commit ${short(commit)}${subject ? ` ${subject}` : ''}`,
        describes: `the changes of commit ${short(commit)} (against its parent)`,
        rulesAt: parent
          ? rulesAt(root, git, parent, `the parent ${short(parent)}`)
          : rulesAt(root, git, undefined, 'the empty tree: a first commit has no parent'),
      };
      return withIntent(scopeDiff, await commitMessages(git, root, ['-1', '--end-of-options', commit]));
    }
  }
}

/**
 * A CI checkout is shallow by default (actions/checkout fetches one commit): the base branch or the
 * merge-base is then missing, and git's own message does not say why. In a shallow clone, say how to
 * fetch the history; elsewhere keep git's error.
 */
async function withShallowHint(git: GitRunner, root: string, err: Error, what: string): Promise<Error> {
  const shallow = (await git.run(root, ['rev-parse', '--is-shallow-repository']).catch(() => '')).trim() === 'true';
  if (!shallow) return err;
  return new GitError(
    `This is a shallow clone and ${what}: --base needs the history back to where the branch left it. In GitHub Actions set \`fetch-depth: 0\` on actions/checkout; elsewhere run \`git fetch --unshallow\` (and fetch the base branch).`,
  );
}

/** The last commit's rules (a repository without a commit has none). */
async function headRules(root: string, git: GitRunner): Promise<RulesSource> {
  const head = await commitOrNone(git, root, 'HEAD');
  return head
    ? rulesAt(root, git, head, `HEAD ${short(head)}`)
    : rulesAt(root, git, undefined, 'the empty tree: no commit yet');
}
