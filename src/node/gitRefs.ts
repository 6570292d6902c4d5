// What a user picks a scope from: the repository's branches (with the current one and its upstream)
// and its recent commits. Read through the safe runner; nothing here changes the repository.
import { GitError, type GitRunner } from './safeGit';

export interface Branches {
  /** The checked-out branch, or undefined when HEAD is detached. */
  current?: string;
  /** The current branch's upstream ("origin/main"), when it has one. */
  upstream?: string;
  local: string[];
  /** Remote-tracking branches ("origin/main"), without the remotes' symbolic HEADs. */
  remote: string[];
}

export interface RecentCommit {
  sha: string;
  subject: string;
  author: string;
  /** "3 days ago". */
  when: string;
}

export async function listBranches(root: string, git: GitRunner): Promise<Branches> {
  const out = await git.run(root, [
    'for-each-ref',
    '--format=%(refname)%00%(refname:short)%00%(upstream:short)%00%(HEAD)%00%(symref)',
    'refs/heads',
    'refs/remotes',
  ]);
  const branches: Branches = { local: [], remote: [] };
  for (const line of out.split('\n')) {
    const [full, name, upstream, head, symref] = line.split('\0');
    if (!full || !name || symref) continue;
    if (full.startsWith('refs/heads/')) {
      branches.local.push(name);
      if (head === '*') {
        branches.current = name;
        if (upstream) branches.upstream = upstream;
      }
    } else branches.remote.push(name);
  }
  return branches;
}

/**
 * The base a branch review starts from: the one remembered for this workspace while it still exists,
 * else the upstream, else main, master or their remote counterparts, else undefined.
 */
export function defaultBase(branches: Branches, remembered?: string): string | undefined {
  const all = new Set([...branches.local, ...branches.remote]);
  const candidates = [remembered, branches.upstream, 'main', 'master', 'origin/main', 'origin/master'];
  return candidates.find((c): c is string => !!c && all.has(c) && c !== branches.current);
}

const FIELD = '%x00';

export async function recentCommits(root: string, git: GitRunner, count = 30): Promise<RecentCommit[]> {
  if (!Number.isInteger(count) || count < 1) throw new GitError('count must be a positive whole number');
  const out = await git.run(root, ['log', `-n${count}`, `--format=%H${FIELD}%s${FIELD}%an${FIELD}%ar`]).catch(() => '');
  return out
    .split('\n')
    .map((line) => line.split('\0'))
    .filter((f): f is [string, string, string, string] => f.length === 4 && /^[0-9a-f]{40,64}$/.test(f[0]!))
    .map(([sha, subject, author, when]) => ({ sha, subject, author, when }));
}
