// Makes `npm start`'s copy of the sample workspace a git repository with a little history, a branch
// and an uncommitted change, so "Multi-expert review of uncommitted changes" can be tried at once.
// Done on the copy only: the fixture in this repository never carries a nested .git.
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** The uncommitted change: a new helper with a bug the demo experts find (and can fix). */
const UNCOMMITTED_CHANGE = `
/** Items of the last page (work in progress). */
function lastPage(items, size) {
  const labels = pageLabels(items.length, size);
  const last = [];
  for (let i = (labels.length - 1) * size; i <= items.length; i++) {
    last.push(items[i]);
  }
  return last;
}
`;

export function initDemoRepo(dir: string): boolean {
  if (existsSync(join(dir, '.git'))) return false;
  const git = (...args: string[]) =>
    execFileSync('git', args, {
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
  git('init', '-q', '-b', 'main');
  git('add', 'README.md', 'app');
  git('commit', '-q', '-m', 'Reports and configuration');
  git('add', '-A');
  git('commit', '-q', '-m', 'Orders and pagination for the admin pages');
  git('branch', 'feature/last-page');
  git('checkout', '-q', 'feature/last-page');
  appendFileSync(join(dir, 'src', 'pagination.js'), UNCOMMITTED_CHANGE);
  return true;
}
