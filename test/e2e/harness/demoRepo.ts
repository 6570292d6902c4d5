// Makes `npm start`'s copy of the sample workspace a git repository with a little history, a branch
// ahead of main and an uncommitted change, so every review scope can be tried at once:
//   - main: the fixture, in two commits;
//   - feature/last-page (checked out): one commit adding `lastPage` to src/pagination.js, whose loop
//     runs one past the end on a changed line ("Review branch against base…" finds it, with a fix);
//   - uncommitted: a tag filter in src/orders.ts that builds its SQL from the user's input
//     ("Multi-expert review of uncommitted changes" finds it).
// Done on the copy only: the fixture in this repository never carries a nested .git.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_BRANCH = 'feature/last-page';
export const DEMO_BASE = 'main';
/** The file the branch's commit changes. */
export const BRANCH_FILE = 'src/pagination.js';
/** The file with the uncommitted change. */
export const UNCOMMITTED_FILE = 'src/orders.ts';

/** The branch's commit: the pager's "last page" (its loop reads one item past the end). */
export const BRANCH_BUG = 'for (let i = start; i <= items.length; i++) {';
const LAST_PAGE = `
/** Items of the last page, for the pager's "last" button. */
function lastPage(items, size) {
  const start = (pageCount(items.length, size) - 1) * size;
  const last = [];
  ${BRANCH_BUG}
    last.push(items[i]);
  }
  return last;
}
`;

/** The uncommitted change: work in progress on a tag filter, with its SQL built from the input. */
const TAG_FILTER = `
/** Orders carrying the given tag, for the tag filter (work in progress). */
export async function ordersTagged(db: Db, tag: string): Promise<Array<Record<string, unknown>>> {
  return db.query("SELECT * FROM orders WHERE tags LIKE '%" + tag + "%'");
}
`;

export function initDemoRepo(dir: string): boolean {
  if (existsSync(join(dir, '.git'))) return false;
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Sample Shop',
        GIT_AUTHOR_EMAIL: 'shop@example.invalid',
        GIT_COMMITTER_NAME: 'Sample Shop',
        GIT_COMMITTER_EMAIL: 'shop@example.invalid',
      },
    });
  git('init', '-q', '-b', DEMO_BASE);
  git('add', 'README.md', 'app');
  git('commit', '-q', '-m', 'Reports and configuration');
  git('add', '-A');
  git('commit', '-q', '-m', 'Orders and pagination for the admin pages');
  git('checkout', '-q', '-b', DEMO_BRANCH);
  const pagination = join(dir, BRANCH_FILE);
  const before = readFileSync(pagination, 'utf8');
  writeFileSync(
    pagination,
    before
      .replace(/\nmodule\.exports = \{ getPage, pageCount, pageLabels \};\n$/, '\n')
      .concat(LAST_PAGE, '\nmodule.exports = { getPage, pageCount, pageLabels, lastPage };\n'),
  );
  git('commit', '-q', '-am', 'Last page for the pager');
  appendFileSync(join(dir, UNCOMMITTED_FILE), TAG_FILTER);
  return true;
}
