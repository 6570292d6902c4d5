// The scopes the editor offers besides uncommitted changes: the branches to pick a base from (and
// which one is suggested), recent commits, and each scope's diff with a title that names it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultBase, listBranches, recentCommits, resolveScope } from '../../../src/node';
import { createGitRunner } from '../../../src/node/safeGit';

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' },
  );

describe('node: git scopes and refs', () => {
  let root: string;
  let remote: string;
  const runner = () => createGitRunner({ untrustedRoots: [root] });

  before(() => {
    remote = mkdtempSync(join(tmpdir(), 'cma-scopes-remote-'));
    root = mkdtempSync(join(tmpdir(), 'cma-scopes-'));
    git(remote, 'init', '-q', '--bare', '-b', 'main');
    git(root, 'init', '-q', '-b', 'main');
    writeFileSync(join(root, 'a.js'), 'const a = 1;\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'first');
    git(root, 'remote', 'add', 'origin', remote);
    git(root, 'push', '-q', 'origin', 'main');
    git(root, 'checkout', '-q', '-b', 'feature-x');
    writeFileSync(join(root, 'a.js'), 'const a = 2;\n');
    git(root, 'commit', '-qam', 'Change a');
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(remote, { recursive: true, force: true });
  });

  it('lists local and remote branches, the current one and its upstream', async () => {
    const branches = await listBranches(root, runner());
    assert.deepEqual(branches.local.sort(), ['feature-x', 'main']);
    assert.deepEqual(branches.remote, ['origin/main']);
    assert.equal(branches.current, 'feature-x');
    assert.equal(branches.upstream, undefined);
  });

  it('suggests the remembered base, then the upstream, then main or master, never the current branch', () => {
    const branches = {
      current: 'feature-x',
      local: ['feature-x', 'main', 'develop'],
      remote: ['origin/main', 'origin/feature-x'],
    };
    assert.equal(defaultBase(branches), 'main');
    assert.equal(defaultBase({ ...branches, upstream: 'origin/feature-x' }), 'origin/feature-x');
    assert.equal(defaultBase({ ...branches, upstream: 'origin/feature-x' }, 'develop'), 'develop');
    assert.equal(defaultBase(branches, 'deleted-branch'), 'main', 'a remembered branch that is gone is skipped');
    assert.equal(defaultBase({ current: 'main', local: ['main'], remote: [] }), undefined);
    assert.equal(defaultBase({ local: ['x'], remote: ['origin/master'] }), 'origin/master');
  });

  it('lists recent commits, newest first', async () => {
    const commits = await recentCommits(root, runner(), 5);
    assert.deepEqual(
      commits.map((c) => c.subject),
      ['Change a', 'first'],
    );
    assert.match(commits[0]!.sha, /^[0-9a-f]{40}$/);
  });

  it('titles a branch review with the branch, the base and the merge-base, and a commit with its subject', async () => {
    const mergeBase = git(root, 'rev-parse', '--short=7', 'main').trim();
    const branch = await resolveScope(root, { kind: 'base', base: 'main' }, runner());
    assert.equal(branch.title, `branch feature-x vs main (merge-base ${mergeBase})`);
    assert.match(branch.diffText, /\+const a = 2;/);
    const head = git(root, 'rev-parse', '--short=7', 'HEAD').trim();
    const commit = await resolveScope(root, { kind: 'commit', rev: 'HEAD' }, runner());
    assert.equal(commit.title, `commit ${head} Change a`);
    const range = await resolveScope(root, { kind: 'commit', rev: 'main..feature-x' }, runner());
    assert.equal(range.title, 'commits main..feature-x');
    assert.match(range.diffText, /\+const a = 2;/);
    await assert.rejects(resolveScope(root, { kind: 'base', base: '--output=/tmp/x' }, runner()), /Not a git revision/);
  });
});
