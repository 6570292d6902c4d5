// The action's review step (scripts/action/review.sh) as GitHub runs it: a bash script with the GITHUB_* and
// input environment, running the command line through `npm exec`. Here the package is a stand-in that records
// its arguments (npm run test:package runs the real, packed command line against the simulator).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './project';

const SCRIPT = join(ROOT, 'scripts', 'action', 'review.sh');

/** A package named claude-multi-agent whose bin logs its argv and writes --output, exiting with STANDIN_EXIT. */
function standInPackage(dir: string): string {
  const pkg = join(dir, 'standin');
  mkdirSync(pkg);
  writeFileSync(
    join(pkg, 'package.json'),
    JSON.stringify({ name: 'claude-multi-agent', version: '9.9.9', bin: { 'claude-multi-agent': 'cli.js' } }),
  );
  writeFileSync(
    join(pkg, 'cli.js'),
    `#!/usr/bin/env node
const fs = require('fs');
const args = process.argv.slice(2);
if (args[0] === '--version') { console.log('9.9.9'); process.exit(0); }
fs.appendFileSync(process.env.STANDIN_LOG, JSON.stringify({ args, key: process.env.ANTHROPIC_API_KEY }) + '\\n');
const out = args[args.indexOf('--output') + 1];
if (out && process.env.STANDIN_WRITES !== 'no') fs.writeFileSync(out, '{"version":"2.1.0","runs":[]}');
process.exit(Number(process.env.STANDIN_EXIT || 0));
`,
  );
  chmodSync(join(pkg, 'cli.js'), 0o755);
  return pkg;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, stdio: 'pipe' });
}

describe('the GitHub Action review step (scripts/action/review.sh)', function () {
  this.timeout(120_000);
  let tmp: string;
  let repo: string;
  let standin: string;

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cma-action-'));
    standin = standInPackage(tmp);
    repo = join(tmp, 'repo');
    mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'feature');
    writeFileSync(join(repo, 'a.js'), 'export const a = 1;\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'one');
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  interface Step {
    status: number | null;
    stdout: string;
    outputs: Record<string, string>;
    calls: Array<{ args: string[]; key?: string }>;
  }

  function runStep(env: Record<string, string>, event?: object): Step {
    const run = mkdtempSync(join(tmp, 'run-'));
    const eventPath = join(run, 'event.json');
    writeFileSync(eventPath, JSON.stringify(event ?? { pull_request: { head: { repo: { full_name: 'o/r' } } } }));
    const outputFile = join(run, 'output');
    const log = join(run, 'calls.jsonl');
    writeFileSync(outputFile, '');
    const r = spawnSync('bash', [SCRIPT], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? tmp,
        GITHUB_OUTPUT: outputFile,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: 'o/r',
        GITHUB_ACTOR: 'someone',
        GITHUB_SHA: 'abc123',
        RUNNER_TEMP: run,
        ANTHROPIC_API_KEY: 'sk-test',
        CMA_BASE_REF: 'main',
        CMA_FAIL_ON: 'high',
        CMA_MAX_COST: '2',
        CMA_COMMENTS: 'false',
        CMA_SARIF_FILE: 'claude-multi-agent.sarif',
        CMA_CLI: standin,
        STANDIN_LOG: log,
        npm_config_update_notifier: 'false',
        npm_config_offline: 'true',
        ...env,
      },
    });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const calls = existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { args: string[]; key?: string })
      : [];
    return { status: r.status, stdout: r.stdout + r.stderr, outputs, calls };
  }

  it('skips a fork pull request with a notice and success, running and uploading nothing', () => {
    const step = runStep({}, { pull_request: { head: { repo: { full_name: 'someone/r' } } } });
    assert.equal(step.status, 0, step.stdout);
    assert.match(step.stdout, /::notice title=Claude Multi-Agent review skipped::.*someone\/r.*no secrets/);
    assert.deepEqual(step.outputs, { skipped: 'true' }, 'no exit code and no SARIF for the upload step');
    assert.equal(step.calls.length, 0);
  });

  it("skips Dependabot's pull requests, which get no key, but fails loudly when the key is simply missing", () => {
    const bot = runStep({ ANTHROPIC_API_KEY: '', GITHUB_ACTOR: 'dependabot[bot]' });
    assert.equal(bot.status, 0, bot.stdout);
    assert.deepEqual(bot.outputs, { skipped: 'true' });
    const missing = runStep({ ANTHROPIC_API_KEY: '' });
    assert.equal(missing.status, 1);
    assert.match(missing.stdout, /::error title=Claude Multi-Agent review::No API key: add an ANTHROPIC_API_KEY/);
    assert.deepEqual(missing.outputs, {});
    assert.equal(missing.calls.length + bot.calls.length, 0);
  });

  it("reviews a pull request against its base with the inputs as flags, and hands on findings' exit code", () => {
    const step = runStep({ STANDIN_EXIT: '1', CMA_EXPERTS: 'security,performance' });
    assert.equal(step.status, 0, step.stdout);
    assert.deepEqual(step.calls[0]?.args, [
      'review',
      '--base',
      'origin/main',
      '--experts',
      'security,performance',
      '--fail-on',
      'high',
      '--max-cost',
      '2',
      '--format',
      'sarif',
      '--output',
      'claude-multi-agent.sarif',
    ]);
    assert.equal(step.calls[0]?.key, 'sk-test');
    assert.deepEqual(step.outputs, { 'exit-code': '1', 'sarif-file': 'claude-multi-agent.sarif' });
  });

  it('uploads nothing after a failed or capped run, and says why', () => {
    const failed = runStep({ STANDIN_EXIT: '3' });
    assert.equal(failed.status, 0);
    assert.deepEqual(failed.outputs, { 'exit-code': '3' });
    assert.match(failed.stdout, /::error title=Claude Multi-Agent review::The review failed \(exit 3\)/);
    const capped = runStep({ STANDIN_EXIT: '4' });
    assert.deepEqual(capped.outputs, { 'exit-code': '4' });
    assert.match(capped.stdout, /::warning .*Stopped at max-cost \(2 USD\): the partial report is not uploaded/);
  });

  it('maps scopes to the command line and refuses one it does not know', () => {
    const cases: Array<[Record<string, string>, string[]]> = [
      [{ CMA_SCOPE: 'commit:main..HEAD' }, ['--commit', 'main..HEAD']],
      [{ CMA_SCOPE: 'paths:src lib/a.js', CMA_FAIL_ON: 'never', CMA_MAX_COST: '0' }, ['src', 'lib/a.js']],
      [{ GITHUB_EVENT_NAME: 'push', CMA_BEFORE: 'f00d' }, ['--commit', 'f00d..abc123']],
    ];
    for (const [env, flags] of cases) {
      const step = runStep(env);
      assert.equal(step.status, 0, step.stdout);
      const args = step.calls[0]!.args;
      assert.deepEqual(args.slice(1, 1 + flags.length), flags, JSON.stringify(env));
      if (env['CMA_FAIL_ON'] === 'never') assert.ok(!args.includes('--fail-on') && !args.includes('--max-cost'));
    }
    const bogus = runStep({ CMA_SCOPE: 'everything' });
    assert.equal(bogus.status, 1);
    assert.match(bogus.stdout, /scope 'everything' is not one of/);
    const manual = runStep({ GITHUB_EVENT_NAME: 'workflow_dispatch' });
    assert.equal(manual.status, 1);
    assert.match(manual.stdout, /Nothing to review by default on a 'workflow_dispatch' event/);
  });

  it('asks for fetch-depth: 0 when the base branch is not in the clone', () => {
    const step = runStep({ CMA_BASE_REF: 'release' });
    assert.equal(step.status, 1);
    assert.match(step.stdout, /origin\/release is not in this clone: check out with 'fetch-depth: 0'/);
    assert.equal(step.calls.length, 0, 'nothing paid for');
  });

  it('passes the model through a settings file merged with the given config', () => {
    writeFileSync(join(repo, 'cma.json'), JSON.stringify({ maxTokens: 2048 }));
    const step = runStep({ CMA_MODEL: 'claude-test-1', CMA_CONFIG: 'cma.json', CMA_COMMENTS: 'true' });
    assert.equal(step.status, 0, step.stdout);
    const args = step.calls[0]!.args;
    const config = args[args.indexOf('--config') + 1]!;
    assert.deepEqual(JSON.parse(readFileSync(config, 'utf8')), { maxTokens: 2048, model: 'claude-test-1' });
    assert.ok(args.includes('--github-review'), 'comments: true posts a pull-request review');
  });

  it('reports a package npm cannot install as such, not as exit 1 ("findings")', () => {
    const step = runStep({ CMA_CLI: join(tmp, 'no-such-package') });
    assert.equal(step.status, 1);
    assert.match(step.stdout, /::error title=Claude Multi-Agent review::npm could not install .*no-such-package/);
    assert.deepEqual(step.outputs, {}, 'no exit-code output for the gate step');
  });
});
