// `sweep --batch` as a process against the simulator's Message Batches endpoints: groups × experts in
// one batch, a merged report with cost per group, a sweep killed mid-poll that resumes the same batch
// instead of creating (and paying for) a second one, and a saved batch that only the same sweep resumes,
// kept outside the work tree.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { BUILTIN_EXPERTS } from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { sarifErrors } from '../../support/sarif/validateSarif';
import { startSimulator, type Simulator } from '../../support/simulator';
import { demoRepo, git, runCli, startCli, stopLeftoverClis } from './cliHarness';

const KEY = fakeKey('sweep');

/** The sweep reports a batch created only once its id is saved in the state file. */
const savedBatch = (stderr: string): boolean => /batch \S+ created; its id is saved/.test(stderr);
const polls = (stderr: string): number => stderr.match(/^batch \S+: in_progress/gm)?.length ?? 0;

describe('cli: claude-multi-agent sweep --batch', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let repo: ReturnType<typeof demoRepo>;
  let env: Record<string, string>;
  let config: string;
  let cache: string;
  /** Files a test writes for itself, outside the cache and the repository. */
  let scratch: string;
  /** The saved sweeps: in the cache folder ($XDG_CACHE_HOME), or where versions before 0.2 kept one. */
  const saved = (): string[] => {
    const legacy = join(repo.root, '.claude-multi-agent/sweep.json');
    const inCache = (readdirSync(cache, { recursive: true }) as string[])
      .filter((n) => n.endsWith('.json'))
      .map((n) => join(cache, n));
    return [...inCache, ...(existsSync(legacy) ? [legacy] : [])];
  };
  const state = (): string => saved()[0] ?? join(cache, 'none');

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
  });
  beforeEach(() => {
    cache = mkdtempSync(join(tmpdir(), 'cma-cache-'));
    scratch = mkdtempSync(join(tmpdir(), 'cma-scratch-'));
    env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: sim.url, XDG_CACHE_HOME: cache };
    repo = demoRepo();
    // Two more files of about 900 tokens each: with a 1,500-token budget every file is a group.
    for (const name of ['alpha', 'beta']) {
      const body = Array.from(
        { length: 60 },
        (_, i) => `export const ${name}${i} = (x) => x * ${i} + ${name.length}; // ${name} helper ${i}`,
      ).join('\n');
      writeFileSync(join(repo.root, `src/${name}.js`), `${body}\n`);
    }
    config = join(repo.root, 'cma.json');
    writeFileSync(config, JSON.stringify({ contextTokenBudget: 1500, synthesis: false }));
    git(repo.root, 'add', '-A');
    git(repo.root, 'commit', '-qm', 'helpers and settings');
  });
  afterEach(() => {
    stopLeftoverClis();
    sim.reset();
    sim.batches.configure({ processingMs: 0 });
    repo.remove();
    rmSync(cache, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  /** Starts a sweep and kills it once its batch is saved and polled: an interrupted CI job. */
  async function interrupted(args: string[]): Promise<{ batchId: string }> {
    const known = new Set(saved());
    const run = startCli(['sweep', ...args, '--batch', '--config', config, '--poll-ms', '20'], repo.root, env);
    await run.stderrShows('the batch id saved and two polls', (stderr) => savedBatch(stderr) && polls(stderr) >= 2);
    run.child.kill('SIGKILL');
    await run.done;
    const file = saved().find((f) => !known.has(f))!;
    return JSON.parse(readFileSync(file, 'utf8')) as { batchId: string };
  }
  after(() => sim.close());

  it('sends every group × expert in one batch and merges one report with the cost per group', async () => {
    const before = sim.batches.created.length;
    const run = await runCli(
      ['sweep', 'src', '--batch', '--config', config, '--poll-ms', '20', '--format', 'sarif'],
      repo.root,
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(sim.batches.created.length, before + 1, 'one batch');
    const groups = Number(/in (\d+) context groups/.exec(run.stderr)?.[1]);
    assert.ok(groups >= 3, `the workspace is split (${groups} groups)`);
    assert.equal(sim.batches.created.at(-1)!.requests, groups * BUILTIN_EXPERTS.length);
    assert.equal(sim.log.length, 0, 'nothing went through /v1/messages');
    const log = JSON.parse(run.stdout) as Log;
    assert.deepEqual(sarifErrors(log), []);
    assert.ok(
      log.runs[0]!.results!.some(
        (r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'src/userService.js',
      ),
      'findings are placed in their files',
    );
    assert.ok(!existsSync(state()), 'the state is cleared once the report is out');

    const md = await runCli(['sweep', 'src', '--batch', '--config', config, '--poll-ms', '20'], repo.root, env);
    assert.equal(md.code, 0, md.stderr);
    assert.match(md.stdout, /50% batch price/);
    assert.match(md.stdout, /group 1 \(\d+ files, \d+ tokens\): \$/);
  });

  it('--max-cost refuses a batch whose input alone would reach it, before sending anything', async () => {
    const before = sim.batches.created.length;
    const run = await runCli(['sweep', 'src', '--batch', '--config', config, '--max-cost', '0.001'], repo.root, env);
    assert.equal(run.code, 4, run.stderr);
    assert.match(
      run.stderr,
      /Not sent: the batch's input alone would cost about \$0\.\d+, at or above --max-cost 0\.001/,
    );
    assert.equal(sim.batches.created.length, before, 'no batch');
    assert.ok(!existsSync(state()));
  });

  it('--max-cost refuses a batch whose worst case (output too) passes it, though its input fits, and an unpriced model', async () => {
    const before = sim.batches.created.length;
    // The input of 4 experts over 3 groups is well under a cent; 4,096 output tokens per request are not.
    const run = await runCli(['sweep', 'src', '--batch', '--config', config, '--max-cost', '0.05'], repo.root, env);
    assert.equal(run.code, 4, run.stderr);
    assert.match(
      run.stderr,
      /Not sent: the batch's worst case is about \$0\.\d+ \(input at the cache-write price, [\d,]+ output tokens per request\), above --max-cost 0\.05/,
    );
    assert.equal(sim.batches.created.length, before, 'no batch');

    writeFileSync(config, JSON.stringify({ contextTokenBudget: 1500, synthesis: false, model: 'claude-unpriced-9' }));
    const unpriced = await runCli(['sweep', 'src', '--batch', '--config', config, '--max-cost', '5'], repo.root, env);
    assert.equal(unpriced.code, 2, unpriced.stderr);
    assert.match(unpriced.stderr, /--max-cost cannot be kept: no price is known for claude-unpriced-9/);
    assert.equal(sim.batches.created.length, before, 'still no batch');
    assert.equal(sim.log.length, 0, 'nothing was sent');
  });

  it('a sweep killed mid-poll resumes the same batch instead of creating a second one', async () => {
    sim.batches.configure({ processingMs: Infinity });
    const before = sim.batches.created.length;
    const first = startCli(['sweep', 'src', '--batch', '--config', config, '--poll-ms', '20'], repo.root, env);
    await first.stderrShows('the batch id saved and two polls', (stderr) => savedBatch(stderr) && polls(stderr) >= 2);
    first.child.kill('SIGKILL');
    await first.done;
    const saved = JSON.parse(readFileSync(state(), 'utf8')) as { batchId: string };
    assert.equal(sim.batches.created.length, before + 1);
    assert.equal(saved.batchId, sim.batches.created.at(-1)!.id);

    sim.batches.finish();
    const second = await runCli(
      ['sweep', 'src', '--batch', '--config', config, '--poll-ms', '20', '--format', 'json'],
      repo.root,
      env,
    );
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /resuming batch/);
    assert.equal(sim.batches.created.length, before + 1, 'no second batch');
    const report = JSON.parse(second.stdout) as { findings: unknown[] };
    assert.ok(report.findings.length > 0);
  });

  it('an expired batch is reported as unanswered, not as a clean sweep', async () => {
    sim.batches.configure({ processingMs: Infinity });
    const run = startCli(
      ['sweep', 'src', '--batch', '--config', config, '--poll-ms', '20', '--format', 'json'],
      repo.root,
      env,
    );
    await run.stderrShows('the batch id saved', savedBatch);
    assert.ok(existsSync(state()));
    sim.batches.expire();
    const done = await run.done;
    assert.equal(done.code, 3, done.stderr);
    assert.match(done.stderr, /not answered/);
  });

  it('counts findings below --min-confidence instead of reporting them', async () => {
    writeFileSync(join(repo.root, 'src/notes.js'), '// TODO: tidy this (demo:unsure)\nexport const notes = 1;\n');
    const run = await runCli(
      ['sweep', 'src', '--batch', '--config', config, '--poll-ms', '20', '--format', 'json', '--min-confidence', '70'],
      repo.root,
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as {
      findings: Array<{ file: string }>;
      hidden?: Array<{ reason: string; count: number }>;
    };
    assert.ok(report.findings.every((f) => f.file !== 'src/notes.js'));
    assert.deepEqual(report.hidden, [{ reason: 'lowConfidence', count: 1 }]);
    assert.match(run.stderr, /findings \(1 low-confidence finding hidden\); batch cost/);
  });

  it("puts the project's rules before every group's code, as a review does, and says which it read", async () => {
    const rule = 'Queries built from user input must use parameters; flag any string concatenation into SQL.';
    writeFileSync(join(repo.root, 'REVIEW.md'), `# Review rules\n\n${rule}\n`);
    const run = await runCli(['sweep', 'src', '--batch', '--config', config, '--poll-ms', '20'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    const { systems } = sim.batches.created.at(-1)!;
    assert.ok(systems.length >= 3 * BUILTIN_EXPERTS.length, `every group × expert: ${systems.length}`);
    assert.ok(
      systems.every(
        (system) => system.indexOf(rule) >= 0 && system.indexOf(rule) < system.indexOf('<code-under-review>'),
      ),
      'each request reads the rules, before the code',
    );
    assert.match(run.stderr, /Project rules: REVIEW\.md \(~\d+ tokens\)/);
  });

  it('leaves rules files and agent definitions out of the swept code; the rules still reach every request', async () => {
    const rule = 'Prices are integer cents; flag float arithmetic on money.';
    writeFileSync(join(repo.root, 'CLAUDE.md'), `# Rules\n\n${rule}\n`);
    writeFileSync(join(repo.root, 'AGENTS.md'), '# Agents\n\nRun the tests first.\n');
    writeFileSync(join(repo.root, '.cursorrules'), 'Prefer small functions.\n');
    mkdirSync(join(repo.root, '.claude/agents'), { recursive: true });
    writeFileSync(join(repo.root, '.claude/agents/release.md'), '---\nname: release\n---\nThe release agent.\n');
    const run = await runCli(['sweep', '.', '--batch', '--config', config, '--poll-ms', '20'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    const { systems } = sim.batches.created.at(-1)!;
    const swept = systems.map((system) => system.slice(system.indexOf('<code-under-review>'))).join('\n');
    assert.match(swept, /<file path="src\//, 'code is swept');
    for (const path of ['CLAUDE.md', 'AGENTS.md', '.cursorrules', '.claude/agents/release.md'])
      assert.ok(!swept.includes(`<file path="${path}"`), `${path} is not swept as code`);
    assert.ok(
      systems.every(
        (system) => system.indexOf(rule) >= 0 && system.indexOf(rule) < system.indexOf('<code-under-review>'),
      ),
      'the rules reach every request, before the code',
    );
  });

  it('a rerun over other paths starts its own batch and reports its own scope; the first is still resumable', async () => {
    sim.batches.configure({ processingMs: Infinity });
    const before = sim.batches.created.length;
    const alpha = await interrupted(['src/alpha.js']);
    sim.batches.configure({ processingMs: 0 });
    sim.batches.finish();

    const beta = await runCli(
      ['sweep', 'src/beta.js', '--batch', '--config', config, '--poll-ms', '20', '--format', 'json'],
      repo.root,
      env,
    );
    assert.equal(beta.code, 0, beta.stderr);
    assert.doesNotMatch(beta.stderr, /resuming/);
    assert.equal(sim.batches.created.length, before + 2, 'a batch of its own');
    assert.deepEqual((JSON.parse(beta.stdout) as { targets: string[] }).targets, ['src/beta.js']);

    const again = await runCli(
      ['sweep', 'src/alpha.js', '--batch', '--config', config, '--poll-ms', '20', '--format', 'json'],
      repo.root,
      env,
    );
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, new RegExp(`resuming batch ${alpha.batchId} of this sweep`));
    assert.equal(sim.batches.created.length, before + 2, 'the first sweep resumed, not paid twice');
    assert.deepEqual((JSON.parse(again.stdout) as { targets: string[] }).targets, ['src/alpha.js']);
    assert.deepEqual(saved(), [], 'both collected and cleared');
  });

  it('other experts or another model are another sweep too', async () => {
    sim.batches.configure({ processingMs: Infinity });
    const before = sim.batches.created.length;
    await interrupted(['src', '--experts', 'security']);
    sim.batches.configure({ processingMs: 0 });
    sim.batches.finish();
    const other = await runCli(
      [
        'sweep',
        'src',
        '--batch',
        '--experts',
        'performance',
        '--config',
        config,
        '--poll-ms',
        '20',
        '--format',
        'json',
      ],
      repo.root,
      env,
    );
    assert.equal(other.code, 0, other.stderr);
    assert.equal(sim.batches.created.length, before + 2);
    const report = JSON.parse(other.stdout) as { experts: Array<{ id: string }> };
    assert.ok(
      report.experts.every((e) => e.id === 'performance'),
      'the experts asked for, not the saved ones',
    );

    const haiku = join(scratch, 'haiku.json');
    writeFileSync(haiku, JSON.stringify({ contextTokenBudget: 1500, synthesis: false, model: 'claude-haiku-4-5' }));
    const model = await runCli(
      ['sweep', 'src', '--batch', '--experts', 'security', '--config', haiku, '--poll-ms', '20'],
      repo.root,
      env,
    );
    assert.equal(model.code, 0, model.stderr);
    assert.doesNotMatch(model.stderr, /resuming/);
    assert.equal(sim.batches.created.length, before + 3, 'another model: its own batch');
  });

  it('warns when files changed since the batch was submitted, and --fresh submits a new one', async () => {
    sim.batches.configure({ processingMs: Infinity });
    const before = sim.batches.created.length;
    const first = await interrupted(['src']);
    writeFileSync(join(repo.root, 'src/alpha.js'), 'export const alpha = 1;\n');
    sim.batches.configure({ processingMs: 0 });
    sim.batches.finish();
    const resumed = await runCli(['sweep', 'src', '--batch', '--config', config, '--poll-ms', '20'], repo.root, env);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(
      resumed.stderr,
      new RegExp(`warning: 1 file changed since batch ${first.batchId} was submitted \\(src/alpha\\.js\\)`),
    );
    assert.equal(sim.batches.created.length, before + 1, 'resumed, with the warning');

    sim.batches.configure({ processingMs: Infinity });
    await interrupted(['src']);
    sim.batches.configure({ processingMs: 0 });
    sim.batches.finish();
    const fresh = await runCli(
      ['sweep', 'src', '--batch', '--fresh', '--config', config, '--poll-ms', '20'],
      repo.root,
      env,
    );
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.doesNotMatch(fresh.stderr, /resuming/);
    assert.equal(sim.batches.created.length, before + 3, '--fresh submits a new batch');
  });

  it('keeps its state out of the work tree (in the cache folder), so git sees nothing new', async () => {
    sim.batches.configure({ processingMs: Infinity });
    await interrupted(['src']);
    assert.equal(git(repo.root, 'status', '--porcelain', '--untracked-files=all'), '', 'the work tree is clean');
    assert.equal(saved().length, 1);
    assert.ok(saved()[0]!.startsWith(join(cache, 'claude-multi-agent', 'sweeps')), saved()[0]);
  });

  it('--state FILE holding another sweep is refused, and the file is kept', async () => {
    sim.batches.configure({ processingMs: Infinity });
    const file = join(scratch, 'ci-sweep.json');
    const run = startCli(
      ['sweep', 'src/alpha.js', '--batch', '--state', file, '--config', config, '--poll-ms', '20'],
      repo.root,
      env,
    );
    await run.stderrShows('the batch id saved', savedBatch);
    run.child.kill('SIGKILL');
    await run.done;
    const other = await runCli(
      ['sweep', 'src/beta.js', '--batch', '--state', file, '--config', config],
      repo.root,
      env,
    );
    assert.equal(other.code, 2, other.stderr);
    assert.match(other.stderr, /holds batch \S+ of another sweep \(paths src\/alpha\.js; experts/);
    assert.ok(existsSync(file));
  });
});
