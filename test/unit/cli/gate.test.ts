// The gate gives the right answer, run as CI runs it: the built CLI bundle against the simulator. A
// change with nothing reviewable (a lock file, a binary, a deletion, nothing at all) is a success with an
// empty report that says why; a change over the token budget is reviewed whole, in context groups that
// each fit and are each cached; a file that still cannot be reviewed is said (report, SARIF notification)
// and exits 5 unless --allow-partial.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { sarifErrors } from '../../support/sarif/validateSarif';
import { startSimulator, type Simulator } from '../../support/simulator';
import { buildCli, demoRepo, git, runCli } from './cliHarness';

const KEY = fakeKey('gate');

/** A module of about `tokens` tokens (the simulator counts a token per 4 characters). */
function moduleText(name: string, tokens: number): string {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < tokens * 4; i++)
    lines.push(`export function ${name}Step${i}(input) { return input.map((x) => x * ${i} + ${i % 7}); }`);
  return `${lines.join('\n')}\n`;
}

const notificationsOf = (log: Log) => log.runs[0]!.invocations![0]!.toolExecutionNotifications ?? [];

describe('cli: a gate that gives the right answer (built bundle)', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let repo: ReturnType<typeof demoRepo>;
  let env: Record<string, string>;
  let bundleDir: string;
  let cli: string;

  before(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'cma-gate-bundle-'));
    cli = await buildCli(bundleDir);
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: sim.url };
  });
  beforeEach(() => {
    repo = demoRepo();
    git(repo.root, 'checkout', '-q', '-b', 'pr');
  });
  afterEach(() => {
    sim.reset();
    repo.remove();
  });
  after(async () => {
    await sim.close();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  const messagesSent = () => sim.log.filter((e) => e.body && 'max_tokens' in e.body);
  const review = (...args: string[]) => runCli(['review', '--base', 'main', ...args], repo.root, env, cli);

  it('nothing reviewable (a lock file, a binary, a deletion, an empty diff) exits 0 with an empty report that says why', async () => {
    const changes: Array<[string, () => void]> = [
      ['an empty diff', () => {}],
      [
        'only a lock file',
        () => {
          writeFileSync(join(repo.root, 'package-lock.json'), '{"lockfileVersion": 3, "packages": {}}\n');
          git(repo.root, 'add', '-A');
          git(repo.root, 'commit', '-qm', 'bump lock');
        },
      ],
      [
        'only a binary',
        () => {
          writeFileSync(join(repo.root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0, 3]));
          git(repo.root, 'add', '-A');
          git(repo.root, 'commit', '-qm', 'logo');
        },
      ],
      [
        'only a deletion',
        () => {
          unlinkSync(join(repo.root, 'src/db.js'));
          git(repo.root, 'commit', '-qam', 'drop db');
        },
      ],
    ];
    for (const [what, change] of changes) {
      change();
      const out = join(repo.root, 'review.sarif');
      const run = await review('--format', 'sarif', '--output', out, '--json', '-', '--fail-on', 'info');
      assert.equal(run.code, 0, `${what}: ${run.stderr}`);
      assert.match(run.stderr, /Nothing to review/, what);
      const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
      assert.deepEqual(sarifErrors(log), [], what);
      assert.equal(log.runs[0]!.results!.length, 0, what);
      assert.equal(log.runs[0]!.invocations![0]!.executionSuccessful, true, what);
      assert.ok(
        notificationsOf(log).some((n) => n.level === 'note' && /^Nothing to review/.test(n.message.text ?? '')),
        `${what}: the SARIF says why`,
      );
      const json = JSON.parse(run.stdout) as { status: string; summary: string; findings: unknown[] };
      assert.equal(json.status, 'nothingToReview', what);
      assert.match(json.summary, /Nothing to review/, what);
      assert.equal(messagesSent().length, 0, `${what}: nothing was paid for`);
      unlinkSync(out);
    }
  });

  it('reviews every changed file of an over-budget change, in groups that each fit, each block cached', async () => {
    // Eight modules of ~650 tokens under a 2000-token budget: four groups of two, each block cacheable.
    const files = Array.from({ length: 8 }, (_, i) => `src/mod${i}.js`);
    files.forEach((f, i) => writeFileSync(join(repo.root, f), moduleText(`m${i}`, 650)));
    git(repo.root, 'add', '-A');
    git(repo.root, 'commit', '-qm', 'seven modules');
    const config = join(repo.root, 'review.json');
    writeFileSync(config, JSON.stringify({ contextTokenBudget: 2000 }));

    const out = join(repo.root, 'review.sarif');
    const run = await review('--config', config, '--format', 'sarif', '--output', out);
    assert.equal(run.code, 0, run.stderr);
    // Every changed file reached an expert, and no request carried more than the budget allows.
    const systems = messagesSent().map((e) => JSON.stringify(e.body!['system'] ?? ''));
    for (const f of files)
      assert.ok(
        systems.some((s) => s.includes(f)),
        `${f} was reviewed`,
      );
    assert.match(run.stderr, /in 4 context groups/);
    const blocks = new Set(systems);
    assert.equal(blocks.size, 4, 'the change was split into four groups');
    // Each group's block is written once and read by the group's other requests (experts and synthesis).
    for (const block of blocks) {
      const sent = messagesSent().filter((e) => JSON.stringify(e.body!['system'] ?? '') === block);
      assert.equal(sent.filter((e) => e.usage.cache_creation_input_tokens > 0).length, 1, 'one write per group');
      assert.equal(sent.filter((e) => e.usage.cache_read_input_tokens > 0).length, sent.length - 1, 'the rest read it');
    }
    const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
    assert.deepEqual(sarifErrors(log), []);
    assert.equal(log.runs[0]!.invocations![0]!.executionSuccessful, true);
    assert.ok(!notificationsOf(log).some((n) => /Not reviewed|budget/.test(n.message.text ?? '')));
  });

  it('a file that still cannot be reviewed is said in the report and SARIF and exits 5, unless --allow-partial', async () => {
    writeFileSync(join(repo.root, 'src/small.js'), moduleText('small', 200));
    writeFileSync(join(repo.root, 'src/huge.js'), moduleText('huge', 3000));
    git(repo.root, 'add', '-A');
    git(repo.root, 'commit', '-qm', 'a small and a huge module');
    const config = join(repo.root, 'review.json');
    writeFileSync(config, JSON.stringify({ contextTokenBudget: 1500 }));

    const out = join(repo.root, 'review.sarif');
    const run = await review('--config', config, '--format', 'sarif', '--output', out, '--markdown', '-');
    assert.equal(run.code, 5, run.stderr);
    assert.match(run.stderr, /Not reviewed: 1 file .*src\/huge\.js/);
    assert.match(run.stdout, /Not reviewed: 1 file/, 'the Markdown report says so');
    const log = JSON.parse(readFileSync(out, 'utf8')) as Log;
    assert.deepEqual(sarifErrors(log), []);
    assert.equal(log.runs[0]!.invocations![0]!.executionSuccessful, false);
    assert.ok(
      notificationsOf(log).some(
        (n) => n.level === 'warning' && /src\/huge\.js/.test(n.message.text ?? '') && n.locations?.length,
      ),
      'a warning notification names the file',
    );

    sim.reset();
    const allowed = await review('--config', config, '--format', 'json', '--allow-partial');
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.equal((JSON.parse(allowed.stdout) as { status: string }).status, 'partial');
  });
});
