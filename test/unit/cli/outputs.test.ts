// Several reports from one run, and the mistakes refused before anything is paid for: an option given
// twice (parseArgs would keep the last), two reports to one place, a report into a missing folder.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RDFormatValidator } from '@umbrelladocs/rdformat-validator';
import type { Log } from 'sarif';
import { parseCommand } from '../../../src/cli/args';
import { UsageError } from '../../../src/cli/exitCodes';
import { checkOutputs, type OutputSpec } from '../../../src/cli/outputs';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { sarifErrors } from '../../support/sarif/validateSarif';
import { startSimulator, type Simulator } from '../../support/simulator';
import { demoRepo, runCli } from './cliHarness';

const KEY = fakeKey('outputs');

describe('cli: outputs', function () {
  this.timeout(60_000);

  it('refuses an option given twice instead of keeping the last', () => {
    for (const args of [
      ['--format', 'json', '--format', 'sarif'],
      ['--output', 'a.md', '--output', 'b.md'],
      ['--sarif', 'a.sarif', '--sarif', 'b.sarif'],
      ['--base', 'main', '--base', 'dev'],
    ])
      assert.throws(
        () => parseCommand(['review', ...args], '/w'),
        (err: Error) =>
          err instanceof UsageError && new RegExp(`--${args[0]!.slice(2)} was given 2 times`).test(err.message),
        args.join(' '),
      );
    assert.throws(
      () => parseCommand(['review', '--format', 'xml'], '/w'),
      /--format must be one of markdown, json, sarif, rdjson/,
    );
  });

  it('plans one report per format and destination; markdown on stdout unless another takes it', () => {
    const outputs = (args: string[]) => (parseCommand(['review', ...args], '/w') as { outputs: unknown[] }).outputs;
    assert.deepEqual(outputs([]), [{ format: 'markdown', flag: '--format' }]);
    assert.deepEqual(outputs(['--sarif', 'r.sarif']), [
      { format: 'markdown', flag: '--format' },
      { format: 'sarif', flag: '--sarif', path: 'r.sarif' },
    ]);
    assert.deepEqual(outputs(['--rdjson', '-']), [{ format: 'rdjson', flag: '--rdjson' }], 'stdout is rdjson alone');
    assert.deepEqual(outputs(['--format', 'sarif', '--output', 'r.sarif', '--json', '-']), [
      { format: 'sarif', flag: '--output', path: 'r.sarif' },
      { format: 'json', flag: '--json' },
    ]);
  });

  it('refuses two reports to one place and a folder that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cma-out-'));
    try {
      const plan = (args: string[]) => (parseCommand(['review', ...args], dir) as { outputs: OutputSpec[] }).outputs;
      await assert.rejects(
        checkOutputs(plan(['--output', 'r.json', '--json', './r.json']), dir),
        /--output and --json both write to/,
      );
      await assert.rejects(
        checkOutputs(plan(['--format', 'sarif', '--json', '-']), dir),
        /--format and --json both write to stdout/,
      );
      await assert.rejects(
        checkOutputs(plan(['--sarif', 'missing/r.sarif']), dir),
        /the folder .*missing does not exist/,
      );
      await assert.rejects(checkOutputs(plan(['--output', '.']), dir), /is a folder/);
      await checkOutputs(plan(['--sarif', 'r.sarif', '--rdjson', 'r.rdjson']), dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('from the command line', () => {
    let sim: Simulator;
    let repo: ReturnType<typeof demoRepo>;
    let env: Record<string, string>;
    before(async () => {
      sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
      env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: sim.url };
    });
    beforeEach(() => {
      repo = demoRepo();
    });
    afterEach(() => {
      sim.reset();
      repo.remove();
    });
    after(() => sim.close());

    it('an --output into a missing folder, or a repeated --format, fails before any request is paid for', async () => {
      const missing = await runCli(
        ['review', 'src', '--format', 'sarif', '--output', 'out/review.sarif'],
        repo.root,
        env,
      );
      assert.equal(missing.code, 2, missing.stderr);
      assert.match(missing.stderr, /--output out\/review\.sarif: the folder .*out does not exist; create it first/);
      const twice = await runCli(['review', 'src', '--format', 'json', '--format', 'sarif'], repo.root, env);
      assert.equal(twice.code, 2, twice.stderr);
      assert.equal(sim.log.length, 0, 'no request was made');
    });

    it('writes SARIF, rdjson and JSON files, Markdown on stdout and a job summary in one run', async () => {
      const summary = join(repo.root, 'step-summary.md');
      writeFileSync(summary, '## An earlier step\n\n');
      const run = await runCli(
        ['review', 'src', '--sarif', 'r.sarif', '--rdjson', 'r.rdjson', '--json', 'r.json', '--summary'],
        repo.root,
        { ...env, GITHUB_STEP_SUMMARY: summary, GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'abc123' },
      );
      assert.equal(run.code, 0, run.stderr);
      const reviewRequests = sim.log.filter((e) => !JSON.stringify(e.body).includes('<verification-request>'));
      assert.equal(
        reviewRequests.length,
        5,
        'one review (4 experts and the synthesis, then its verifiers) for every report',
      );
      assert.match(run.stdout, /^# Review: src/m);

      const log = JSON.parse(readFileSync(join(repo.root, 'r.sarif'), 'utf8')) as Log;
      assert.deepEqual(sarifErrors(log), []);
      const json = JSON.parse(readFileSync(join(repo.root, 'r.json'), 'utf8')) as { findings: Array<{ id: string }> };
      assert.equal(log.runs[0]!.results!.length, json.findings.length);

      const rdjsonText = readFileSync(join(repo.root, 'r.rdjson'), 'utf8');
      const checked = await new RDFormatValidator({ strictMode: true, allowExtraFields: false }).validateString(
        rdjsonText,
      );
      assert.deepEqual(checked.errors, [], 'valid reviewdog Diagnostic Format');
      const rdjson = JSON.parse(rdjsonText) as {
        diagnostics: Array<{ location: { path: string }; severity: string; code: { value: string } }>;
      };
      assert.deepEqual(
        rdjson.diagnostics.map((d) => d.code.value).sort(),
        json.findings.map((f) => f.id).sort(),
        "each diagnostic carries its finding's fingerprint",
      );
      assert.ok(rdjson.diagnostics.some((d) => d.location.path === 'src/userService.js' && d.severity === 'ERROR'));

      const page = readFileSync(summary, 'utf8');
      assert.ok(page.startsWith('## An earlier step\n\n'), 'appended, never overwritten');
      assert.match(page, /### Review: src/);
      assert.match(page, /\| Severity \| Where \| Finding \| Experts \|/);
      assert.match(
        page,
        /\[`src\/userService\.js:\d+`\]\(https:\/\/github\.com\/acme\/shop\/blob\/abc123\/src\/userService\.js#L\d+\)/,
      );
    });

    it('--summary outside GitHub Actions is refused before anything is paid for', async () => {
      const run = await runCli(['review', 'src', '--summary'], repo.root, env);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /GITHUB_STEP_SUMMARY, which is not set/);
      assert.equal(sim.log.length, 0);
      assert.ok(!existsSync(join(repo.root, 'r.sarif')));
    });
  });
});
