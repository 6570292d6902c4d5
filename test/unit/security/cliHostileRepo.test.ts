// The built command line in a hostile repository, as CI runs it on a pull request's head: every program
// the repository's config names (a signature verifier for its signed commits, a nested repository's
// clean filter, fsmonitor, an external diff, textconv, a clean filter) would write a marker if run.
// Plain git (the control) runs them; the CLI's review --commit, uncommitted, --staged and --base do not.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';
import { buildCli, demoRepo, git, runCli } from '../cli/cliHarness';

const KEY = fakeKey('hostile');
const PROGRAMS = ['gpg', 'gpg-ssh', 'nested-filter', 'fsmonitor', 'external-diff', 'textconv', 'filter'] as const;
type Program = (typeof PROGRAMS)[number];

/** Each program writes its own marker and passes its input through (or reads it all), so plain git still works. */
function plantPrograms(dir: string, markers: string): Record<Program, string> {
  mkdirSync(markers, { recursive: true });
  const paths = {} as Record<Program, string>;
  for (const name of PROGRAMS) {
    const script = join(dir, `.evil-${name}.sh`);
    writeFileSync(
      script,
      // A verifier is handed the signed payload on its standard input: it must read all of it, or git,
      // still writing, dies of SIGPIPE (the control failed so about once in 40 runs).
      `#!/bin/sh\ntouch '${join(markers, name)}'\nif [ -n "$1" ] && [ -f "$1" ]; then cat "$1"; elif [ -z "$1" ]; then cat; else cat >/dev/null; fi\nexit 0\n`,
    );
    chmodSync(script, 0o755);
    paths[name] = script;
  }
  return paths;
}

/** Rewrites HEAD as the same commit with a (bogus) signature: reading it asks the verifier. */
function signHead(dir: string, armour: string): void {
  const [headers, ...message] = git(dir, 'cat-file', 'commit', 'HEAD').split('\n\n');
  const signature = [`-----BEGIN ${armour}-----`, ' ', ` iQEzBAABCAAdFiEEbogus`, ` -----END ${armour}-----`].join('\n');
  const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], {
    cwd: dir,
    input: `${headers}\ngpgsig ${signature}\n\n${message.join('\n\n')}`,
  })
    .toString()
    .trim();
  git(dir, 'update-ref', 'HEAD', sha);
}

const append = (file: string, text: string) => writeFileSync(file, `${readFileSync(file, 'utf8')}${text}`);

describe('security: the built CLI runs none of a hostile repository’s programs', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let bundle: string;
  let buildDir: string;
  let repo: ReturnType<typeof demoRepo>;
  let markers: string;

  before(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'cma-cli-build-'));
    bundle = await buildCli(buildDir);
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    repo = demoRepo();
    const root = repo.root;
    markers = mkdtempSync(join(tmpdir(), 'cma-markers-'));
    const evil = plantPrograms(root, markers);
    // main: the demo app. feature: a nested repository (a gitlink) whose own config names a clean filter,
    // then a change to src/db.js in a commit signed in two formats' armour over two commits.
    git(root, 'checkout', '-q', '-b', 'feature');
    const nested = join(root, 'vendor', 'lib');
    mkdirSync(nested, { recursive: true });
    git(nested, 'init', '-q');
    writeFileSync(join(nested, '.gitattributes'), '*.txt filter=nested\n');
    writeFileSync(join(nested, 'inner.txt'), 'one\n');
    git(nested, 'add', '-A');
    git(nested, 'commit', '-qm', 'nested');
    git(nested, 'config', 'filter.nested.clean', evil['nested-filter']);
    git(root, '-c', 'advice.addEmbeddedRepo=false', 'add', 'vendor/lib');
    git(root, 'commit', '-qm', 'vendor a library');
    signHead(root, 'SSH SIGNATURE');
    append(join(root, 'src/db.js'), '\nexport const feature = 1;\n');
    git(root, 'commit', '-qam', 'feature change');
    signHead(root, 'PGP SIGNATURE');
    // What the scopes review: a staged change and an unstaged one; the nested file changes at the same size.
    append(join(root, 'src/userService.js'), '\nexport const staged = 1;\n');
    git(root, 'add', 'src/userService.js');
    append(join(root, 'src/db.js'), '\nexport const unstaged = 1;\n');
    writeFileSync(join(nested, 'inner.txt'), 'two\n');
    // The repository's config, last (plain git during the setup would run it).
    writeFileSync(join(root, '.gitattributes'), '*.js diff=conv filter=top\n');
    const config: Array<[string, string]> = [
      ['log.showSignature', 'true'],
      ['gpg.program', evil.gpg],
      ['gpg.ssh.program', evil['gpg-ssh']],
      ['gpg.ssh.allowedSignersFile', evil['gpg-ssh']],
      ['core.fsmonitor', evil.fsmonitor],
      ['diff.external', evil['external-diff']],
      ['diff.conv.textconv', evil.textconv],
      ['filter.top.clean', evil.filter],
    ];
    for (const [key, value] of config) git(root, 'config', key, value);
  });
  afterEach(() => {
    sim.reset();
    rmSync(markers, { recursive: true, force: true });
    mkdirSync(markers);
  });
  after(async () => {
    await sim.close();
    repo.remove();
    rmSync(markers, { recursive: true, force: true });
    rmSync(buildDir, { recursive: true, force: true });
  });

  const ran = (): string[] => PROGRAMS.filter((p) => existsSync(join(markers, p)));

  it('control: plain git runs the signature verifiers and the nested clean filter', () => {
    for (const args of [
      ['log', '-n2', '--format=%s'],
      ['diff', 'HEAD'],
    ])
      execFileSync('git', args, { cwd: repo.root, stdio: 'pipe' });
    for (const p of ['gpg', 'gpg-ssh', 'nested-filter', 'fsmonitor', 'external-diff'] as const)
      assert.ok(ran().includes(p), `plain git ran ${p}: ${ran().join(', ')}`);
  });

  const scopes: Array<[string, string[], RegExp]> = [
    ['--commit HEAD', ['--commit', 'HEAD'], /^Review: commit [0-9a-f]{7} feature change$/],
    ['--commit HEAD~1 (the signed gitlink commit)', ['--commit', 'HEAD~1'], /^Review: commit [0-9a-f]{7} vendor/],
    ['uncommitted changes', [], /^Review: Uncommitted changes$/],
    ['--staged', ['--staged'], /^Review: Staged changes$/],
    ['--base main', ['--base', 'main'], /^Review: branch feature vs main/],
  ];
  for (const [name, args, title] of scopes) {
    it(`review ${name} runs none of them`, async () => {
      const run = await runCli(
        ['review', ...args, '--format', 'json'],
        repo.root,
        { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: sim.url },
        bundle,
      );
      assert.deepEqual(ran(), [], `the CLI ran the repository's programs (${name})`);
      // A gitlink-only commit changes nothing we review (a success with an empty report); every other scope is reviewed.
      if (name.startsWith('--commit HEAD~1')) {
        assert.equal(run.code, 0, run.stderr);
        assert.match(run.stderr, /Nothing to review|no file/i);
        assert.equal((JSON.parse(run.stdout) as { status: string }).status, 'nothingToReview');
        return;
      }
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { title: string; targets: string[] };
      assert.match(report.title, title);
      assert.ok(sim.log.length > 0, 'the review was sent');
      assert.ok(!JSON.stringify(sim.log.map((e) => e.body)).includes('vendor/lib'), 'nothing of the nested repo');
    });
  }
});
