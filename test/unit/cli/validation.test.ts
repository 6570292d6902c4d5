// Bad input gets a clear error before any request is paid for, and a run cut short keeps its partial
// report, as CI needs: the built CLI bundle against the simulator. A nonexistent path next to a valid
// one, an unknown --config key, a shallow clone without the merge-base (fetch-depth: 0), SIGTERM (what a
// runner sends on its timeout) and --timeout against an endpoint that stalls.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';
import { buildCli, demoRepo, git, runCli, startCli } from './cliHarness';

const KEY = fakeKey('validation');

describe('cli: bad input refused before anything is paid for; a stopped run keeps its report (built bundle)', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let repo: ReturnType<typeof demoRepo>;
  let env: Record<string, string>;
  let bundleDir: string;
  let cli: string;

  before(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'cma-validation-bundle-'));
    cli = await buildCli(bundleDir);
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: sim.url };
  });
  beforeEach(() => {
    repo = demoRepo();
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ tokensPerSecond: 0 });
    repo.remove();
  });
  after(async () => {
    await sim.close();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  const messagesSent = () => sim.log.filter((e) => e.body && 'max_tokens' in e.body);

  it('a nonexistent path next to a valid one is a usage error, not a smaller review', async () => {
    const run = await runCli(['review', 'src', 'src/nope.js'], repo.root, env, cli);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /src\/nope\.js does not exist/);
    assert.equal(sim.log.length, 0, 'nothing was sent');
  });

  it('refuses unknown --config keys (a typo is not a default); an editor settings.json still works', async () => {
    const typo = join(repo.root, 'typo.json');
    writeFileSync(typo, JSON.stringify({ contextTokenBudjet: 2000, 'claudeMultiAgent.maxToken': 900 }));
    const run = await runCli(['review', 'src', '--config', typo], repo.root, env, cli);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /unknown settings "contextTokenBudjet", "claudeMultiAgent\.maxToken"/);
    assert.equal(sim.log.length, 0, 'nothing was sent');

    mkdirSync(join(repo.root, '.vscode'));
    const settings = join(repo.root, '.vscode/settings.json');
    writeFileSync(
      settings,
      JSON.stringify({ 'editor.tabSize': 2, 'claudeMultiAgent.budget.perRun': 1, 'claudeMultiAgent.maxTokens': 900 }),
    );
    const ok = await runCli(['review', 'src', '--config', settings, '--format', 'json'], repo.root, env, cli);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stderr, /does not use \(editor only\): claudeMultiAgent\.budget\.perRun/);
    // Verifiers (on by default for critical and high findings) have their own small max_tokens.
    const reviewRequests = messagesSent().filter((e) => !JSON.stringify(e.body).includes('<verification-request>'));
    assert.ok(reviewRequests.length > 0, 'the review ran');
    assert.ok(
      reviewRequests.every((e) => e.body!['max_tokens'] === 900),
      'the file was read',
    );
  });

  it('a shallow clone without the merge-base says to fetch the history (fetch-depth: 0)', async () => {
    git(repo.root, 'checkout', '-q', '-b', 'pr');
    for (let i = 0; i < 3; i++) {
      writeFileSync(join(repo.root, 'src/db.js'), `${readFileSync(join(repo.root, 'src/db.js'), 'utf8')}\n// ${i}\n`);
      git(repo.root, 'commit', '-qam', `pr ${i}`);
    }
    git(repo.root, 'checkout', '-q', 'main');
    writeFileSync(join(repo.root, 'README.md'), 'main moves on\n');
    git(repo.root, 'add', '-A');
    git(repo.root, 'commit', '-qm', 'main moves on');
    const clone = mkdtempSync(join(tmpdir(), 'cma-shallow-'));
    try {
      // As actions/checkout does by default: the head commit alone, then the base branch's tip alone.
      git(tmpdir(), 'clone', '-q', '--depth', '1', '--branch', 'pr', `file://${repo.root}`, clone);
      git(clone, 'fetch', '-q', '--depth', '1', 'origin', 'main:refs/remotes/origin/main');
      const run = await runCli(['review', '--base', 'origin/main'], clone, env, cli);
      assert.notEqual(run.code, 0);
      assert.match(run.stderr, /shallow clone/);
      assert.match(run.stderr, /fetch-depth: 0/);
      const missing = await runCli(['review', '--base', 'main'], clone, env, cli);
      assert.match(missing.stderr, /shallow clone and main is not in this clone[\s\S]*fetch-depth: 0/);
      assert.equal(sim.log.length, 0, 'nothing was sent');
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('SIGTERM (a CI runner timing out) writes the partial report, as SIGINT does, and exits 143', async () => {
    sim.configure({ tokensPerSecond: 20 });
    const out = join(repo.root, 'review.json');
    const { child, done } = startCli(['review', 'src', '--format', 'json', '--output', out], repo.root, env, cli);
    await waitFor(() => sim.log.some((e) => e.firstTokenAt !== undefined));
    child.kill('SIGTERM');
    const run = await done;
    assert.equal(run.code, 143, run.stderr);
    assert.match(run.stderr, /Terminated \(SIGTERM\): the report holds what was done until then/);
    assert.ok(existsSync(out), 'the partial report was written');
    const report = JSON.parse(readFileSync(out, 'utf8')) as { status: string; message: string };
    assert.equal(report.status, 'cancelled');
    assert.match(report.message, /SIGTERM/);
  });

  it('--timeout stops a run whose endpoint stalls, writes the partial report and exits 124', async () => {
    sim.enqueueFault({ kind: 'stall', afterTokens: 3, times: 100 });
    const out = join(repo.root, 'review.sarif');
    const started = Date.now();
    const run = await runCli(
      ['review', 'src', '--format', 'sarif', '--output', out, '--timeout', '2s'],
      repo.root,
      env,
      cli,
    );
    assert.equal(run.code, 124, run.stderr);
    assert.ok(Date.now() - started < 30_000, 'it did not wait for the idle timeouts and retries');
    assert.match(run.stderr, /--timeout 2s passed/);
    assert.ok(existsSync(out), 'the partial report was written');
    const bad = await runCli(['review', 'src', '--timeout', 'soon'], repo.root, env, cli);
    assert.equal(bad.code, 2);
  });
});

async function waitFor(check: () => boolean, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
