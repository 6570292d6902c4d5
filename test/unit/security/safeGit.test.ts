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

type Vector =
  | 'fsmonitor'
  | 'diff.external'
  | 'textconv'
  | 'clean filter'
  | 'gpg.program'
  | 'gpg.ssh.program'
  | 'gpg.x509.program'
  | 'nested clean filter';

const VECTORS: readonly Vector[] = [
  'fsmonitor',
  'diff.external',
  'textconv',
  'clean filter',
  'gpg.program',
  'gpg.ssh.program',
  'gpg.x509.program',
  'nested clean filter',
];

/** What plain git runs to show each vector works (the control): signatures are checked when a commit is read. */
const CONTROL: Record<Vector, string[]> = {
  fsmonitor: ['diff', 'HEAD'],
  'diff.external': ['diff', 'HEAD'],
  textconv: ['diff', 'HEAD'],
  'clean filter': ['diff', 'HEAD'],
  'gpg.program': ['log', '-n1'],
  'gpg.ssh.program': ['log', '-n1'],
  'gpg.x509.program': ['log', '-n1'],
  'nested clean filter': ['diff', 'HEAD'],
};

/** The armour line of each signature format: git picks the verifier by it. */
const SIGNATURE_HEADER: Partial<Record<Vector, string>> = {
  'gpg.program': 'PGP SIGNATURE',
  'gpg.ssh.program': 'SSH SIGNATURE',
  'gpg.x509.program': 'SIGNED MESSAGE',
};

/** Replaces HEAD with the same commit carrying a (bogus) signature of the given armour: reading it asks the verifier. */
function signHead(dir: string, armour: string): void {
  const commit = plainGit(dir, ['cat-file', 'commit', 'HEAD']);
  const [headers, ...message] = commit.split('\n\n');
  const signature = [`-----BEGIN ${armour}-----`, '', 'iQEzBAABCAAdFiEEbogus', `-----END ${armour}-----`]
    .map((line) => ` ${line}`)
    .join('\n')
    .slice(1);
  const signed = `${headers}\ngpgsig ${signature}\n\n${message.join('\n\n')}`;
  const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: dir, input: signed })
    .toString()
    .trim();
  plainGit(dir, ['update-ref', 'HEAD', sha]);
}

/** A nested repository (committed as a gitlink) whose own config names a clean filter, with a file git must re-read. */
function nestedRepo(dir: string, script: string): void {
  const nested = join(dir, 'nested');
  mkdirSync(nested);
  plainGit(nested, ['init', '-q']);
  plainGit(nested, ['config', 'user.email', 't@example.invalid']);
  plainGit(nested, ['config', 'user.name', 't']);
  writeFileSync(join(nested, '.gitattributes'), '*.txt filter=baz\n');
  writeFileSync(join(nested, 'inner.txt'), 'one\n');
  plainGit(nested, ['add', '-A']);
  plainGit(nested, ['commit', '-q', '-m', 'nested']);
  plainGit(nested, ['config', 'filter.baz.clean', script]);
  plainGit(dir, ['add', 'nested']);
  plainGit(dir, ['commit', '-q', '-m', 'gitlink']);
  // Same size, new content: git in the nested repository must clean the file to know it changed.
  writeFileSync(join(nested, 'inner.txt'), 'two\n');
}

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
    case 'gpg.program':
    case 'gpg.ssh.program':
    case 'gpg.x509.program':
      signHead(dir, SIGNATURE_HEADER[vector]!);
      plainGit(dir, ['config', 'log.showSignature', 'true']);
      plainGit(dir, ['config', vector, script]);
      // ssh verification needs a signers file before it runs the program.
      plainGit(dir, ['config', 'gpg.ssh.allowedSignersFile', script]);
      break;
    case 'nested clean filter':
      nestedRepo(dir, script);
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

  for (const vector of VECTORS) {
    it(`plain git ${CONTROL[vector][0]} runs the ${vector} program (control), our diff does not`, async () => {
      const control = hostileRepo(vector);
      made.push(control.dir, control.marker);
      // The planted program exits without reading what git pipes to it, so git may die of EPIPE after
      // running it: what the control shows is that the program ran, not that git succeeded.
      try {
        plainGit(control.dir, CONTROL[vector]);
      } catch {
        /* the marker decides */
      }
      assert.ok(
        existsSync(control.marker),
        `control: plain git ${CONTROL[vector].join(' ')} ran the ${vector} program`,
      );

      const repo = hostileRepo(vector);
      made.push(repo.dir, repo.marker);
      const diff = await uncommittedDiff(repo.dir);
      assert.match(diff, /\+two/, 'the diff itself is still produced');
      assert.match(diff, /\+fresh/, 'untracked files are still shown');
      assert.equal(existsSync(repo.marker), false, `our git access ran the ${vector} program`);
    });
  }

  for (const vector of VECTORS) {
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
      const commits = await recentCommits(repo.dir, git);
      assert.equal(commits.length, vector === 'nested clean filter' ? 2 : 1);
      assert.equal(commits[0]?.subject, vector === 'nested clean filter' ? 'gitlink' : 'init');
      assert.match(
        (await resolveScope(repo.dir, { kind: 'staged' }, git)).diffText,
        /\+two/,
        'the staged diff is still produced',
      );
      await resolveScope(repo.dir, { kind: 'base', base: 'base' }, git);
      // The gitlink commit changes no file we review: the commit before it adds a.txt.
      const rev = vector === 'nested clean filter' ? 'HEAD~1' : 'HEAD';
      const commit = await resolveScope(repo.dir, { kind: 'commit', rev }, git);
      assert.match(commit.diffText, /a\.txt/);
      assert.equal(commit.title, `commit ${commits.at(-1)!.sha.slice(0, 7)} init`, 'the subject is still read');
      assert.equal(existsSync(repo.marker), false, `our git access ran the ${vector} program`);
    });
  }

  it('puts the safety switches on every call and turns diff drivers off', () => {
    const args = safeGitArgs(['diff', 'HEAD'], ['bar']);
    const joined = args.join(' ');
    assert.match(joined, /-c core\.fsmonitor=false/);
    assert.match(joined, /-c core\.hooksPath=\/dev\/null/);
    assert.match(joined, /-c log\.showSignature=false/);
    assert.ok(args.includes('--ignore-submodules=all'));
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
