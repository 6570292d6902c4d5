// The command line as CI runs it: a process, a temp git repository, the real SDK over HTTP to the
// simulator. Every scope, every format (SARIF checked against the 2.1.0 schema), the exit codes,
// --max-cost, the endpoint rule, and the key never printed.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { BUILTIN_EXPERTS, SARIF_FINGERPRINT_KEY } from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { sarifErrors } from '../../support/sarif/validateSarif';
import { startSimulator, type Simulator } from '../../support/simulator';
import { fakeSecrets } from '../review/tempTree';
import { demoRepo, git, runCli, stopLeftoverClis } from './cliHarness';

const KEY = fakeKey('cli');

interface JsonReport {
  status: string;
  findings: Array<{ id: string; file: string; severity: string }>;
  experts: Array<{ id: string; status: string }>;
}

describe('cli: claude-multi-agent review', function () {
  this.timeout(60_000);
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
    stopLeftoverClis();
    sim.reset();
    sim.configure({ tokensPerSecond: 0 });
    repo.remove();
  });
  after(() => sim.close());

  /** The files each request's shared block showed. */
  const filesSent = (): string[] =>
    [
      ...new Set(sim.log.flatMap((e) => [...JSON.stringify(e.body).matchAll(/src\/[a-zA-Z]+\.js/g)].map((m) => m[0]))),
    ].sort();

  it('reviews paths as Markdown on stdout, progress on stderr, the key in neither', async () => {
    const run = await runCli(['review', 'src', '--format', 'markdown'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^# Review: src/m);
    assert.match(run.stdout, /SQL/);
    assert.match(run.stderr, /queued/);
    assert.match(run.stderr, /done/);
    const verifiers = sim.log.filter((e) => JSON.stringify(e.body).includes('<verification-request>')).length;
    assert.ok(verifiers > 0, 'critical and high findings are verified by default');
    assert.equal(sim.log.length - verifiers, BUILTIN_EXPERTS.length + 1, 'one request per expert and the synthesis');
    assert.ok(!run.stdout.includes(KEY) && !run.stderr.includes(KEY), 'the key is never printed');
  });

  it('writes schema-valid SARIF 2.1.0: a rule per expert, levels, fingerprints from finding ids, fixes', async () => {
    const out = join(repo.root, 'review.json');
    const json = await runCli(['review', 'src', '--format', 'json', '--output', out], repo.root, env);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(json.stdout, '', '--output leaves stdout empty');
    const report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    assert.equal(report.status, 'completed');
    assert.ok(report.findings.length > 0);

    const run = await runCli(['review', 'src', '--format', 'sarif'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    const log = JSON.parse(run.stdout) as Log;
    assert.deepEqual(sarifErrors(log), []);
    const [sarifRun] = log.runs;
    const ruleIds = sarifRun!.tool.driver.rules!.map((r) => r.id);
    for (const e of BUILTIN_EXPERTS) assert.ok(ruleIds.includes(e.id), `a rule for ${e.id}`);
    const results = sarifRun!.results!;
    assert.equal(results.length, report.findings.length);
    assert.deepEqual(
      results.map((r) => r.partialFingerprints![SARIF_FINGERPRINT_KEY]).sort(),
      report.findings.map((f) => f.id).sort(),
      'fingerprints are the finding ids',
    );
    const sql = results.find((r) => /SQL/.test(r.message.text ?? ''));
    assert.ok(sql);
    assert.equal(sql.level, 'error');
    assert.equal(sql.locations![0]!.physicalLocation!.artifactLocation!.uri, 'src/userService.js');
    assert.ok(
      results.some((r) => r.fixes?.length),
      'suggested fixes become SARIF fixes',
    );
  });

  it('applies the content policy: secrets, ignore rules and its own state are never sent', async () => {
    writeFileSync(join(repo.root, '.env'), `ANTHROPIC_API_KEY=${fakeSecrets.anthropic}\n`);
    writeFileSync(join(repo.root, 'src/config.js'), `export const token = '${fakeSecrets.github}';\n`);
    writeFileSync(join(repo.root, '.gitignore'), 'private/\n');
    mkdirSync(join(repo.root, 'private'));
    writeFileSync(join(repo.root, 'private/notes.js'), 'export const privateMarker = 1;\n');
    mkdirSync(join(repo.root, '.claude-multi-agent'));
    writeFileSync(join(repo.root, '.claude-multi-agent/sweep.json'), '{"stateMarker": true}\n');
    const run = await runCli(['review', '.', '--format', 'json'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    const sent = JSON.stringify(sim.log.map((e) => e.body));
    assert.ok(sent.includes('src/userService.js'));
    for (const never of [fakeSecrets.anthropic, fakeSecrets.github, 'privateMarker', 'stateMarker'])
      assert.ok(!sent.includes(never), `${never} was sent`);
  });

  it("reads the project's rules files into every expert's context and lists them in the report", async () => {
    writeFileSync(join(repo.root, 'REVIEW.md'), '# Review rules\n\nRULES-MARKER: prefer early returns in `src/`.\n');
    const run = await runCli(['review', 'src', '--format', 'json'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as { rules?: { files: Array<{ path: string; tokens: number }> } };
    assert.deepEqual(
      report.rules?.files.map((f) => f.path),
      ['REVIEW.md'],
    );
    assert.match(run.stderr, /Project rules: REVIEW\.md \(~\d+ tokens/);
    const experts = sim.log.filter((e) => !JSON.stringify(e.body).includes('synthes'));
    assert.ok(experts.length >= BUILTIN_EXPERTS.length);
    for (const e of experts)
      assert.ok(JSON.stringify(e.body?.system).includes('RULES-MARKER'), 'every expert request carries the rules');
    const md = await runCli(['review', 'src', '--format', 'markdown'], repo.root, env);
    assert.match(md.stdout, /## Project rules[\s\S]*`REVIEW\.md`/);
  });

  it('runs the experts of a --config file and of .claude/agents, chosen by id', async () => {
    const config = join(repo.root, 'cma.json');
    writeFileSync(
      config,
      JSON.stringify({
        'claudeMultiAgent.experts': [{ name: 'Licensing', instructions: 'LICENSING-INSTRUCTIONS check headers' }],
        synthesis: false,
      }),
    );
    mkdirSync(join(repo.root, '.claude/agents'), { recursive: true });
    writeFileSync(
      join(repo.root, '.claude/agents/docs.md'),
      '---\nname: Docs reviewer\ndescription: Checks comments\n---\nAGENT-INSTRUCTIONS read the comments.\n',
    );
    const run = await runCli(
      ['review', 'src', '--config', config, '--experts', 'licensing,agent:docs-reviewer', '--format', 'sarif'],
      repo.root,
      env,
    );
    assert.equal(run.code, 0, run.stderr);
    const sent = JSON.stringify(sim.log.map((e) => e.body));
    assert.equal(sim.log.length, 2, 'two experts, synthesis off');
    assert.ok(sent.includes('LICENSING-INSTRUCTIONS') && sent.includes('AGENT-INSTRUCTIONS'));
    const rules = (JSON.parse(run.stdout) as Log).runs[0]!.tool.driver.rules!.map((r) => r.id);
    assert.ok(rules.includes('licensing') && rules.includes('agent:docs-reviewer'), rules.join());
    const unknown = await runCli(['review', 'src', '--experts', 'nobody'], repo.root, env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown expert nobody/);
  });

  it('counts findings below --min-confidence and those --verify refutes, reports neither as results', async () => {
    writeFileSync(
      join(repo.root, 'src/extra.js'),
      [
        '// TODO: tidy this (demo:unsure)',
        'export function sum(a) {',
        '  let s = 0;',
        '  for (let i = 0; i <= a.length; i++) s += a[i]; // demo:not-a-bug',
        '  return s;',
        '}',
        '',
      ].join('\n'),
    );
    const json = await runCli(['review', 'src', '--format', 'json', '--verify', 'all'], repo.root, env);
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout) as JsonReport & { hidden?: Array<{ reason: string; count: number }> };
    assert.ok(report.findings.length > 0 && report.findings.every((f) => f.file !== 'src/extra.js'));
    assert.deepEqual(report.hidden, [
      { reason: 'lowConfidence', count: 1 },
      { reason: 'refuted', count: 1 },
    ]);
    assert.match(json.stderr, /findings \(1 low-confidence finding hidden, 1 refuted finding hidden\)/);
    assert.ok(
      sim.log.some((e) => JSON.stringify(e.body).includes('verification-request')),
      'verifiers ran',
    );

    const sarif = await runCli(['review', 'src', '--format', 'sarif', '--verify', 'all'], repo.root, env);
    const log = JSON.parse(sarif.stdout) as Log;
    assert.deepEqual(sarifErrors(log), []);
    assert.equal(log.runs[0]!.results!.length, report.findings.length);
    assert.deepEqual(log.runs[0]!.properties?.['hiddenFindings'], { lowConfidence: 1, refuted: 1 });

    const all = await runCli(['review', 'src', '--format', 'markdown', '--min-confidence', '0'], repo.root, env);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /Unresolved TODO/);
    assert.match(all.stdout, /confidence 40%/);
    const bad = await runCli(['review', 'src', '--min-confidence', '101'], repo.root, env);
    assert.equal(bad.code, 2);
  });

  it('--fail-on sets the exit code by severity', async () => {
    const failing = await runCli(['review', 'src', '--fail-on', 'info', '--format', 'json'], repo.root, env);
    assert.equal(failing.code, 1, failing.stderr);
    const report = JSON.parse(failing.stdout) as JsonReport;
    assert.ok(report.findings.length > 0);
    const none = report.findings.every((f) => f.severity !== 'critical');
    const critical = await runCli(['review', 'src', '--fail-on', 'critical', '--format', 'json'], repo.root, env);
    assert.equal(critical.code, none ? 0 : 1, critical.stderr);
  });

  it('--staged reviews the index only', async () => {
    writeFileSync(
      join(repo.root, 'src/db.js'),
      `${readFileSync(join(repo.root, 'src/db.js'), 'utf8')}\nexport const staged = 1;\n`,
    );
    git(repo.root, 'add', 'src/db.js');
    writeFileSync(
      join(repo.root, 'src/userService.js'),
      `${readFileSync(join(repo.root, 'src/userService.js'), 'utf8')}\nexport const unstaged = 1;\n`,
    );
    const run = await runCli(['review', '--staged', '--format', 'json'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(filesSent(), ['src/db.js']);
    assert.match(run.stderr, /Staged changes/);
  });

  it('reviews uncommitted changes when given no paths and no scope', async () => {
    writeFileSync(
      join(repo.root, 'src/userService.js'),
      `${readFileSync(join(repo.root, 'src/userService.js'), 'utf8')}\nexport const unstaged = 1;\n`,
    );
    const run = await runCli(['review', '--format', 'json'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(filesSent(), ['src/userService.js']);
  });

  it('--base reviews the branch against its merge-base, not what the base gained since', async () => {
    git(repo.root, 'checkout', '-q', '-b', 'feature');
    writeFileSync(
      join(repo.root, 'src/userService.js'),
      `${readFileSync(join(repo.root, 'src/userService.js'), 'utf8')}\nexport const feature = 1;\n`,
    );
    git(repo.root, 'commit', '-qam', 'feature');
    git(repo.root, 'checkout', '-q', 'main');
    writeFileSync(
      join(repo.root, 'src/db.js'),
      `${readFileSync(join(repo.root, 'src/db.js'), 'utf8')}\nexport const later = 1;\n`,
    );
    git(repo.root, 'commit', '-qam', 'main moves on');
    git(repo.root, 'checkout', '-q', 'feature');
    const run = await runCli(['review', '--base', 'main', '--format', 'json'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(filesSent(), ['src/userService.js']);
  });

  it('--base reports only findings on the changed lines and counts the others; --all-lines reports them all', async () => {
    const cart = [
      '// TODO: cache the totals',
      'export function sumAll(items) {',
      '  let total = 0;',
      '  for (let i = 0; i < items.length; i++) total += items[i];',
      '  return total;',
      '}',
      '',
    ];
    writeFileSync(join(repo.root, 'src/cart.js'), cart.join('\n'));
    git(repo.root, 'add', 'src/cart.js');
    git(repo.root, 'commit', '-qm', 'cart');
    git(repo.root, 'checkout', '-q', '-b', 'feature');
    cart[3] = '  for (let i = 0; i <= items.length; i++) total += items[i];';
    writeFileSync(join(repo.root, 'src/cart.js'), cart.join('\n'));
    git(repo.root, 'commit', '-qam', 'off by one');

    const run = await runCli(['review', '--base', 'main', '--format', 'json'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as JsonReport & {
      title: string;
      hidden?: Array<{ reason: string; count: number }>;
    };
    assert.match(report.title, /^Review: branch feature vs main \(merge-base [0-9a-f]{7}\)$/);
    assert.deepEqual(
      report.findings.map((f) => [f.file, (f as { startLine?: number }).startLine]),
      [['src/cart.js', 4]],
      'only the off-by-one on the changed line',
    );
    assert.deepEqual(
      report.hidden,
      [{ reason: 'outsideChanges', count: 1 }],
      'the TODO in the context lines is counted',
    );
    assert.match(run.stderr, /1 finding outside the changed lines hidden; --all-lines shows them/);
    assert.ok(
      JSON.stringify(sim.log[0]?.body).includes('the changes of branch feature since it left main'),
      'the experts are told what the diff is',
    );

    const md = await runCli(['review', '--base', 'main', '--format', 'markdown'], repo.root, env);
    assert.match(md.stdout, /_1 finding outside the changed lines hidden\._/);
    const all = await runCli(['review', '--base', 'main', '--all-lines', '--format', 'json'], repo.root, env);
    const allReport = JSON.parse(all.stdout) as JsonReport & { hidden?: unknown };
    assert.deepEqual(allReport.findings.map((f) => (f as { startLine?: number }).startLine).sort(), [1, 4]);
    assert.equal(allReport.hidden, undefined);
  });

  it('--commit reviews one commit or a range', async () => {
    writeFileSync(
      join(repo.root, 'src/db.js'),
      `${readFileSync(join(repo.root, 'src/db.js'), 'utf8')}\nexport const one = 1;\n`,
    );
    git(repo.root, 'commit', '-qam', 'one');
    writeFileSync(
      join(repo.root, 'src/userService.js'),
      `${readFileSync(join(repo.root, 'src/userService.js'), 'utf8')}\nexport const two = 2;\n`,
    );
    git(repo.root, 'commit', '-qam', 'two');
    const single = await runCli(['review', '--commit', 'HEAD~1', '--format', 'json'], repo.root, env);
    assert.equal(single.code, 0, single.stderr);
    assert.deepEqual(filesSent(), ['src/db.js']);
    sim.reset();
    const range = await runCli(['review', '--commit', 'HEAD~2..HEAD', '--format', 'json'], repo.root, env);
    assert.equal(range.code, 0, range.stderr);
    assert.deepEqual(filesSent(), ['src/db.js', 'src/userService.js']);
    const bad = await runCli(['review', '--commit', '--upload-pack=x'], repo.root, env);
    assert.notEqual(bad.code, 0, 'a revision that looks like an option is refused');
  });

  it('--max-cost below what one request could cost sends nothing and says so (exit 4)', async () => {
    const run = await runCli(['review', 'src', '--max-cost', '0.0005', '--format', 'markdown'], repo.root, env);
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /Not started: a request could cost up to \$[\d.]+ .* the per-run cap of \$0\.0005/);
    assert.match(run.stdout, /Stopped at --max-cost 0\.0005/, 'the report says so too');
    assert.equal(sim.log.length, 0, 'no request could fit, so none was sent');
  });

  it('refuses plain http to a remote endpoint and runs without a key not at all', async () => {
    const remote = await runCli(['review', 'src'], repo.root, { ...env, ANTHROPIC_BASE_URL: 'http://example.invalid' });
    assert.equal(remote.code, 2);
    assert.match(remote.stderr, /must use https/);
    const noKey = await runCli(['review', 'src'], repo.root, { ANTHROPIC_BASE_URL: sim.url });
    assert.equal(noKey.code, 3);
    assert.equal(sim.log.length, 0);
    const usage = await runCli(['review', '--format', 'xml'], repo.root, env);
    assert.equal(usage.code, 2);
  });
});
