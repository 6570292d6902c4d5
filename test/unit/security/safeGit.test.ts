// A hostile repository: its own .git/config and .gitattributes name programs for git to run. Our git
// access must never run them; plain git (the control) does, so each case can fail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createGitRunner, findGit, safeGitArgs } from '../../../src/node/safeGit';
import { uncommittedDiff } from '../../../src/node/gitChanges';
import { listBranches, recentCommits } from '../../../src/node/gitRefs';
import { resolveScope } from '../../../src/node/gitScopes';

const plainGit = (cwd: string, args: string[]) =>
  execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }).toString();

type Vector = 'fsmonitor' | 'diff.external' | 'textconv' | 'clean filter';

/** A repository with one committed, then modified, file and an untracked one; `vector` plants a marker-writing program. */
function hostileRepo(vector: Vector): { dir: string; marker: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cma-hostile-git-'));
  const marker = join(dir, '..', `${dir.split('/').pop()}-marker`);
  const script = join(dir, 'evil.sh');
  writeFileSync(
    script,
    `#!/bin/sh\ntouch '${marker}'\n[ -n "$1" ] && [ -f "$1" ] && cat "$1"\n[ -z "$1" ] && cat\nexit 0\n`,
  );
  chmodSync(script, 0o755);
  plainGit(dir, ['init', '-q']);
  plainGit(dir, ['config', 'user.email', 't@example.invalid']);
  plainGit(dir, ['config', 'user.name', 't']);
  writeFileSync(join(dir, 'a.txt'), 'one\n');
  plainGit(dir, ['add', 'a.txt']);
  plainGit(dir, ['commit', '-q', '-m', 'init']);
  writeFileSync(join(dir, 'a.txt'), 'one\ntwo\n');
  writeFileSync(join(dir, 'new.txt'), 'fresh\n');
  switch (vector) {
    case 'fsmonitor':
      plainGit(dir, ['config', 'core.fsmonitor', script]);
      break;
    case 'diff.external':
      plainGit(dir, ['config', 'diff.external', script]);
      break;
    case 'textconv':
      writeFileSync(join(dir, '.gitattributes'), '*.txt diff=foo\n');
      plainGit(dir, ['config', 'diff.foo.textconv', script]);
      break;
    case 'clean filter':
      writeFileSync(join(dir, '.gitattributes'), '*.txt filter=bar\n');
      plainGit(dir, ['config', 'filter.bar.clean', script]);
      // Touch the file's stat data so git must re-read (and clean) it.
      writeFileSync(join(dir, 'a.txt'), 'one\ntwo\nthree\n');
      break;
  }
  rmSync(marker, { force: true });
  return { dir, marker };
}

describe("security: git runs without the repository's programs", () => {
  const made: string[] = [];
  after(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });

  for (const vector of ['fsmonitor', 'diff.external', 'textconv', 'clean filter'] as const) {
    it(`plain git diff runs the ${vector} program (control), our diff does not`, async () => {
      const control = hostileRepo(vector);
      made.push(control.dir, control.marker);
      plainGit(control.dir, ['diff', 'HEAD']);
      assert.ok(existsSync(control.marker), `control: plain git diff ran the ${vector} program`);

      const repo = hostileRepo(vector);
      made.push(repo.dir, repo.marker);
      const diff = await uncommittedDiff(repo.dir);
      assert.match(diff, /\+two/, 'the diff itself is still produced');
      assert.match(diff, /\+fresh/, 'untracked files are still shown');
      assert.equal(existsSync(repo.marker), false, `our git access ran the ${vector} program`);
    });
  }

  for (const vector of ['fsmonitor', 'diff.external', 'textconv', 'clean filter'] as const) {
    it(`the scope pickers and the staged, branch and commit reviews do not run the ${vector} program either`, async () => {
      const repo = hostileRepo(vector);
      made.push(repo.dir, repo.marker);
      // A base branch and a staged change to review; setting them up with plain git may run the program.
      plainGit(repo.dir, ['branch', 'base']);
      plainGit(repo.dir, ['add', 'a.txt']);
      rmSync(repo.marker, { force: true });
      const git = createGitRunner({ untrustedRoots: [repo.dir] });
      const branches = await listBranches(repo.dir, git);
      assert.ok(branches.local.includes('base'), JSON.stringify(branches));
      assert.equal((await recentCommits(repo.dir, git)).length, 1);
      assert.match(
        (await resolveScope(repo.dir, { kind: 'staged' }, git)).diffText,
        /\+two/,
        'the staged diff is still produced',
      );
      await resolveScope(repo.dir, { kind: 'base', base: 'base' }, git);
      assert.match((await resolveScope(repo.dir, { kind: 'commit', rev: 'HEAD' }, git)).diffText, /a\.txt/);
      assert.equal(existsSync(repo.marker), false, `our git access ran the ${vector} program`);
    });
  }

  it('puts the safety switches on every call and turns diff drivers off', () => {
    const args = safeGitArgs(['diff', 'HEAD'], ['bar']);
    const joined = args.join(' ');
    assert.match(joined, /-c core\.fsmonitor=false/);
    assert.match(joined, /-c core\.hooksPath=\/dev\/null/);
    assert.match(joined, /-c filter\.bar\.clean= /);
    assert.ok(args.indexOf('--no-ext-diff') > args.indexOf('diff') && args.includes('--no-textconv'));
    assert.ok(!safeGitArgs(['ls-files']).includes('--no-ext-diff'), 'ls-files would reject the diff options');
  });

  it('never takes git from a folder inside the workspace, even first on PATH', () => {
    const ws = mkdtempSync(join(tmpdir(), 'cma-ws-'));
    made.push(ws);
    mkdirSync(join(ws, 'bin'));
    writeFileSync(join(ws, 'bin', 'git'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(ws, 'bin', 'git'), 0o755);
    const outside = mkdtempSync(join(tmpdir(), 'cma-out-'));
    made.push(outside);
    symlinkSync(join(ws, 'bin', 'git'), join(outside, 'git'));
    const realGitDir = execFileSync('sh', ['-c', 'dirname "$(command -v git)"']).toString().trim();
    const path = ['.', 'bin', join(ws, 'bin'), outside, realGitDir].join(delimiter);
    assert.equal(findGit({ untrustedRoots: [ws], path }), join(realGitDir, 'git'));
    assert.equal(findGit({ untrustedRoots: [ws], path: [join(ws, 'bin'), '.'].join(delimiter) }), undefined);
  });

  it('says so when no git is found outside the workspace', async () => {
    const git = createGitRunner({ untrustedRoots: ['/'], path: '/usr/bin' });
    await assert.rejects(git.run(tmpdir(), ['status']), /git was not found/);
  });
});
