// SARIF that lands on the right lines: checked against the final OASIS 2.1.0 schema and against what
// GitHub code scanning reads (test/support/sarif/githubSarif.ts), in process and from the CLI in a
// monorepo reviewed through --root and from a subfolder.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import { BUILTIN_EXPERTS, findingsToSarif, type Finding } from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { githubSarifProblems } from '../../support/sarif/githubSarif';
import { sarifErrors } from '../../support/sarif/validateSarif';
import { startSimulator, type Simulator } from '../../support/simulator';
import { DEMO_APP, git, runCli } from './cliHarness';

const KEY = fakeKey('sarif');

const finding = (over: Partial<Finding>): Finding => ({
  id: 'f1',
  file: 'src/a.js',
  startLine: 3,
  endLine: 3,
  severity: 'high',
  title: 'T',
  explanation: 'E',
  experts: ['Security'],
  ...over,
});
const uriOf = (log: Log, i = 0): string | undefined =>
  log.runs[0]!.results![i]!.locations![0]!.physicalLocation!.artifactLocation!.uri;

describe('SARIF for GitHub code scanning', function () {
  this.timeout(60_000);

  it('validates against the final OASIS 2.1.0 schema (errata01), not a draft', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../support/sarif/sarif-schema-2.1.0.json'), 'utf8')) as {
      id: string;
    };
    assert.equal(
      schema.id,
      'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    );
    const log = { version: '2.1.0', runs: [{ tool: { driver: { name: 't' } }, results: [] }] };
    assert.deepEqual(sarifErrors(log), []);
    // A region needs a start (the final schema's anyOf): a draft-era check that a validator must keep.
    const noStart = {
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 't' } },
          results: [
            {
              message: { text: 'm' },
              locations: [{ physicalLocation: { artifactLocation: { uri: 'a.js' }, region: { endLine: 2 } } }],
            },
          ],
        },
      ],
    };
    assert.notDeepEqual(sarifErrors(noStart), []);
  });

  it('percent-encodes URIs: spaces, #, % and non-ASCII names stay schema-valid and mean the same file', () => {
    const log = findingsToSarif({
      toolVersion: '1',
      experts: [{ id: 'security', name: 'Security' }],
      findings: [
        finding({
          id: 'f1',
          file: 'src dir/my file#1.js',
          suggestedFix: { replacement: 'x', startLine: 3, endLine: 3 },
        }),
        finding({ id: 'f2', file: 'src/naïve ünïcode%.js' }),
      ],
    });
    assert.deepEqual(sarifErrors(log), []);
    const uris = log.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
    assert.deepEqual(uris.sort(), ['src%20dir/my%20file%231.js', 'src/na%C3%AFve%20%C3%BCn%C3%AFcode%25.js']);
    assert.deepEqual(uris.map((u) => decodeURIComponent(u!)).sort(), ['src dir/my file#1.js', 'src/naïve ünïcode%.js']);
    const fix = log.runs[0]!.results!.find((r) => r.fixes)!.fixes![0]!.artifactChanges[0]!.artifactLocation.uri;
    assert.equal(fix, 'src%20dir/my%20file%231.js');
  });

  it('puts security-severity on rules tagged security, help on every rule, failures and left-out files in notifications', () => {
    const experts = [...BUILTIN_EXPERTS].map(({ id, name, description }) => ({
      id,
      name,
      ...(description && { description }),
    }));
    const log = findingsToSarif({
      toolVersion: '1',
      experts,
      findings: [
        finding({ id: 'f1', severity: 'critical', experts: ['Correctness', 'Security'] }),
        finding({ id: 'f2', severity: 'medium', experts: ['Performance'] }),
        finding({ id: 'f3', severity: 'low', experts: ['Security'] }),
      ],
      problems: ['Maintainability: overloaded'],
      leftOut: {
        total: 2,
        byReason: [
          { reason: 'budget', count: 1 },
          { reason: 'lock-file', count: 1 },
        ],
        shown: [
          { path: 'src/big.js', reason: 'budget', detail: 'over the token budget' },
          { path: 'package-lock.json', reason: 'lock-file', detail: 'lock file' },
        ],
      },
    });
    assert.deepEqual(sarifErrors(log), []);
    assert.deepEqual(githubSarifProblems(log), []);
    const run = log.runs[0]!;
    const rule = (id: string) => run.tool.driver.rules!.find((r) => r.id === id)!;
    const results = run.results!;
    assert.equal(
      results.find((r) => r.partialFingerprints!['claudeMultiAgentFindingId/v2'] === 'f1')!.ruleId,
      'security/critical',
    );
    assert.equal(rule('security/critical').properties!['security-severity'], '9.5');
    assert.equal(rule('security/low').properties!['security-severity'], '3.0');
    assert.ok((rule('security/critical').properties!.tags as string[]).includes('security'));
    assert.equal(results.find((r) => r.ruleId === 'performance')!.level, 'warning');
    assert.equal(rule('performance').properties!['security-severity'], undefined, 'not a security alert');
    const notes = run.invocations![0]!.toolExecutionNotifications!;
    assert.equal(run.invocations![0]!.executionSuccessful, false);
    assert.ok(notes.some((n) => n.level === 'warning' && n.message.text === 'Maintainability: overloaded'));
    const big = notes.find((n) => /src\/big\.js/.test(n.message.text ?? ''))!;
    assert.equal(big.level, 'warning');
    assert.equal(big.locations![0]!.physicalLocation!.artifactLocation!.uri, 'src/big.js');
    assert.ok(notes.some((n) => /2 files left out of the review: 1 budget, 1 lock-file/.test(n.message.text ?? '')));
  });

  describe('from the command line in a monorepo', () => {
    let sim: Simulator;
    let repo: string;
    before(async () => {
      sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
      repo = mkdtempSync(join(tmpdir(), 'cma-mono-'));
      mkdirSync(join(repo, 'packages/polka'), { recursive: true });
      cpSync(join(DEMO_APP, 'src'), join(repo, 'packages/polka/src'), { recursive: true });
      git(repo, 'init', '-q', '-b', 'main');
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'monorepo');
    });
    afterEach(() => sim.reset());
    after(async () => {
      await sim.close();
      rmSync(repo, { recursive: true, force: true });
    });
    const env = () => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: sim.url });

    for (const [how, cwd, args] of [
      ['--root packages/polka from the repository root', '', ['--root', 'packages/polka']],
      ['the working directory packages/polka', 'packages/polka', []],
    ] as const)
      it(`paths are relative to the repository root: ${how}`, async () => {
        const run = await runCli(['review', 'src', '--format', 'sarif', ...args], join(repo, cwd), env());
        assert.equal(run.code, 0, run.stderr);
        const log = JSON.parse(run.stdout) as Log;
        assert.deepEqual(sarifErrors(log), []);
        assert.deepEqual(githubSarifProblems(log), []);
        const uris = log.runs[0]!.results!.map((_, i) => uriOf(log, i));
        assert.ok(uris.length > 0);
        assert.ok(
          uris.every((u) => u === 'packages/polka/src/userService.js' || u === 'packages/polka/src/db.js'),
          uris.join(', '),
        );
        assert.equal(
          log.runs[0]!.originalUriBaseIds!['%SRCROOT%']!.uri,
          pathToFileURL(`${repo}/`).href,
          '%SRCROOT% is the repository root',
        );
      });
  });
});
