// `npm start` turns its copy of the sample workspace into a repository, so "review uncommitted changes"
// has something to review; the fixture itself stays a plain folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initDemoRepo } from '../../e2e/harness/demoRepo';
import { SAMPLE_WORKSPACE } from '../../e2e/harness/paths';

describe('npm start: the sample workspace as a git repository', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cma-demo-repo-'));
    cpSync(SAMPLE_WORKSPACE, join(dir, 'ws'), { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has history, a branch and an uncommitted change; the fixture carries no .git', () => {
    const ws = join(dir, 'ws');
    assert.equal(initDemoRepo(ws), true);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' });
    assert.ok(git('rev-list', '--count', 'HEAD').trim() >= '2');
    assert.match(git('branch', '--list'), /feature\/last-page[\s\S]*main|main[\s\S]*feature\/last-page/);
    assert.match(git('diff', '--', 'src/pagination.js'), /\+function lastPage/);
    assert.equal(initDemoRepo(ws), false, 'a second start leaves the repository as it is');
    assert.equal(existsSync(join(SAMPLE_WORKSPACE, '.git')), false);
  });
});
