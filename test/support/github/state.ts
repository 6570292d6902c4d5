// The fake GitHub's data: accounts by token, pull requests with their changed files, reviews and review
// comments, and what GitHub does to a comment when new commits move the diff (its `line` becomes null
// once that line is no longer in the diff: the comment is outdated).

export interface FakeAccount {
  login: string;
  type: 'Bot' | 'User';
  /** False for a fork's read-only GITHUB_TOKEN: writes get 403. */
  canWrite: boolean;
}

export interface FakeFile {
  filename: string;
  /** Hunks as GitHub's API gives them; absent for binary or very large files. */
  patch?: string;
}

export interface FakePull {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  /** "owner/repo" of the head; another repository for a fork. */
  headRepo?: string;
  files: FakeFile[];
}

export interface FakeReview {
  id: number;
  pull: string;
  body: string;
  commit_id: string;
  state: 'COMMENTED' | 'APPROVED' | 'CHANGES_REQUESTED';
  user: { login: string; type: string };
}

export interface FakeComment {
  id: number;
  pull: string;
  pull_request_review_id: number;
  path: string;
  line: number | null;
  start_line: number | null;
  original_line: number;
  side: 'RIGHT';
  body: string;
  commit_id: string;
  user: { login: string; type: string };
}

export const pullKey = (owner: string, repo: string, number: number): string => `${owner}/${repo}#${number}`;

/** The new-side lines of each hunk (first to last), read independently of the code under test. */
export function rightSideHunks(patch: string): Array<{ first: number; last: number }> {
  const hunks: Array<{ first: number; last: number }> = [];
  let line = 0;
  let remaining = 0;
  for (const row of patch.split('\n')) {
    const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(row);
    if (m) {
      line = Number(m[1]);
      remaining = m[2] === undefined ? 1 : Number(m[2]);
      hunks.push({ first: line, last: line + remaining - 1 });
      continue;
    }
    if (remaining > 0 && !row.startsWith('-') && !row.startsWith('\\')) {
      line++;
      remaining--;
    }
  }
  return hunks.filter((h) => h.last >= h.first);
}

/** The hunk holding `line` of `path` in the pull request's diff, if any. */
export function hunkOf(pull: FakePull, path: string, line: number): { first: number; last: number } | undefined {
  const patch = pull.files.find((f) => f.filename === path)?.patch;
  return patch ? rightSideHunks(patch).find((h) => h.first <= line && line <= h.last) : undefined;
}
