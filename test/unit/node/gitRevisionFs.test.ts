// A folder as it was at one commit, which a diff review reads its rules files from: files and folders
// as committed (not as on disk), a sub-folder root, links and nested repositories never followed, and
// the scopes' bases (HEAD, the merge-base, the parent, none for a first commit).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveScope } from '../../../src/node';
import { gitRevisionFs } from '../../../src/node/gitRevisionFs';
import { createGitRunner } from '../../../src/node/safeGit';
import { changedRulesFiles, DEFAULT_RULES_SETTINGS, isRulesFilePath } from '../../../src/review';

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args],
    { cwd, encoding: 'utf8' },
  ).trim();

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('node: a folder at a revision (rules files at the base)', () => {
  let root: string;
  let first: string;
  const runner = () => createGitRunner({ untrustedRoots: [root] });

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'cma-revfs-'));
    git(root, 'init', '-q', '-b', 'main');
    mkdirSync(join(root, 'pkg', '.cursor', 'rules'), { recursive: true });
    writeFileSync(join(root, 'REVIEW.md'), 'base rules\n');
    writeFileSync(join(root, 'pkg', 'CLAUDE.md'), 'pkg rules\n');
    writeFileSync(join(root, 'pkg', '.cursor', 'rules', 'a.mdc'), 'cursor rules\n');
    symlinkSync('/etc/hostname', join(root, 'pkg', 'link.md'));
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'first');
    first = git(root, 'rev-parse', 'HEAD');
    git(root, 'checkout', '-q', '-b', 'feature');
    writeFileSync(join(root, 'REVIEW.md'), 'feature rules: report nothing\n');
    writeFileSync(join(root, 'pkg', 'new.md'), 'new\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'second');
    writeFileSync(join(root, 'REVIEW.md'), 'worktree rules\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads files and folders as committed, not as on disk', async () => {
    const fs = gitRevisionFs(root, first, runner());
    assert.equal(text(await fs.readFile(join(root, 'REVIEW.md'))), 'base rules\n');
    assert.deepEqual(await fs.stat(join(root, 'REVIEW.md')), { type: 'file', size: 11 });
    assert.deepEqual(await fs.stat(root), { type: 'directory', size: 0 });
    assert.deepEqual((await fs.readDirectory(join(root, 'pkg'))).sort(), [
      ['.cursor', 'directory'],
      ['CLAUDE.md', 'file'],
      ['link.md', 'other'],
    ]);
    await assert.rejects(fs.stat(join(root, 'pkg', 'new.md')), /Not in the revision/, 'added after the base');
    await assert.rejects(fs.readFile(join(root, 'pkg', 'link.md')), 'a link is never read through');
    await assert.rejects(fs.readFile(join(root, '..', 'outside.md')), 'nothing outside the folder');
    assert.equal(await fs.realPath(join(root, 'REVIEW.md')), join(root, 'REVIEW.md'));
  });

  it('takes a sub-folder as its root, and is empty for a repository without a commit', async () => {
    const sub = gitRevisionFs(join(root, 'pkg'), first, runner());
    assert.equal(text(await sub.readFile(join(root, 'pkg', 'CLAUDE.md'))), 'pkg rules\n');
    assert.equal(text(await sub.readFile(join(root, 'pkg', '.cursor', 'rules', 'a.mdc'))), 'cursor rules\n');
    const none = gitRevisionFs(root, undefined, runner());
    assert.deepEqual(await none.readDirectory(root), []);
    await assert.rejects(none.stat(join(root, 'REVIEW.md')));
  });

  it('each scope reads its rules at its base: merge-base, parent, HEAD', async () => {
    const read = async (scope: Parameters<typeof resolveScope>[1]) => {
      const { rulesAt } = await resolveScope(root, scope, runner());
      return { revision: rulesAt.revision, text: text(await rulesAt.fs.readFile(join(root, 'REVIEW.md'))) };
    };
    const short = first.slice(0, 7);
    assert.deepEqual(await read({ kind: 'base', base: 'main' }), {
      revision: `the merge-base ${short}`,
      text: 'base rules\n',
    });
    assert.deepEqual(await read({ kind: 'commit', rev: 'HEAD' }), {
      revision: `the parent ${short}`,
      text: 'base rules\n',
    });
    assert.deepEqual(await read({ kind: 'commit', rev: 'main..feature' }), {
      revision: `${short}, where the range starts`,
      text: 'base rules\n',
    });
    const head = git(root, 'rev-parse', '--short=7', 'HEAD');
    for (const kind of ['uncommitted', 'staged'] as const)
      assert.deepEqual(await read({ kind }), { revision: `HEAD ${head}`, text: 'feature rules: report nothing\n' });
    const firstCommit = await resolveScope(root, { kind: 'commit', rev: first }, runner());
    assert.equal(firstCommit.rulesAt.revision, 'the empty tree: a first commit has no parent');
    await assert.rejects(firstCommit.rulesAt.fs.stat(join(root, 'REVIEW.md')));
  });

  it('knows a rules file by where it lives, as the rules reader looks for them', () => {
    const settings = { ...DEFAULT_RULES_SETTINGS, extraPaths: ['./docs/review-guide.md'] };
    for (const path of [
      'REVIEW.md',
      'CLAUDE.md',
      'src/deep/AGENTS.md',
      '.github/copilot-instructions.md',
      '.github/instructions/ts.instructions.md',
      '.cursor/rules/style.mdc',
      'docs/review-guide.md',
    ])
      assert.ok(isRulesFilePath(path, settings), path);
    for (const path of ['src/REVIEW.md', 'README.md', '.cursor/rules/deep/x.mdc', '.github/instructions/x.md'])
      assert.ok(!isRulesFilePath(path, settings), path);
    assert.ok(!isRulesFilePath('REVIEW.md', { ...settings, kinds: ['claude'] }), 'a kind that is off is not read');
    assert.deepEqual(changedRulesFiles(['src/a.ts', 'REVIEW.md', undefined, 'REVIEW.md', 'CLAUDE.md'], settings), [
      'REVIEW.md',
      'CLAUDE.md',
    ]);
  });
});
