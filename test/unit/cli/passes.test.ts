// --passes N (issue 26): the command line runs correctness and security N times over the same cached
// code and reports each finding once, with how many passes raised it; a count out of range is refused
// before any request.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseExpertPromptHeader, type Finding } from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';
import { demoRepo, runCli } from './cliHarness';

const KEY = fakeKey('cli-passes');

const expertOf = (body: unknown): string | undefined => {
  const messages = (body as { messages?: Array<{ content: unknown }> } | undefined)?.messages ?? [];
  const content = messages[messages.length - 1]?.content;
  const text =
    typeof content === 'string'
      ? content
      : Array.isArray(content)
        ? content.map((c: { text?: string }) => c.text ?? '').join('')
        : '';
  return parseExpertPromptHeader(text)?.id;
};

describe('cli: --passes', function () {
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
    sim.reset();
    repo.remove();
  });
  after(() => sim.close());

  const requestsOf = (id: string) => sim.log.filter((e) => expertOf(e.body) === id).length;

  it('--passes 2 runs correctness and security twice and reports each finding once, both passes counted', async () => {
    const run = await runCli(['review', 'src', '--format', 'json', '--verify', 'off', '--passes', '2'], repo.root, env);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(requestsOf('correctness'), 2);
    assert.equal(requestsOf('security'), 2);
    assert.equal(requestsOf('performance'), 1);
    const report = JSON.parse(run.stdout) as { findings: Finding[]; experts: Array<{ id: string }> };
    assert.deepEqual(
      report.experts.map((e) => e.id).filter((id) => id.startsWith('correctness')),
      ['correctness'],
      'one entry per expert',
    );
    // The demo stand-in answers both passes alike: every correctness and security finding is in both.
    const counted = report.findings.filter((f) => f.passes);
    assert.ok(counted.length > 0, 'findings carry their passes');
    for (const f of counted) assert.deepEqual(f.passes, { raised: 2, of: 2 }, f.title);
    const ids = report.findings.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length, 'each finding once');
  });

  it('takes review.passes from --config; refuses --passes 4 before any request', async () => {
    const config = join(repo.root, 'settings.json');
    writeFileSync(config, JSON.stringify({ 'claudeMultiAgent.review.passes': 3, 'review.verify': 'off' }));
    const fromFile = await runCli(['review', 'src/db.js', '--format', 'json', '--config', config], repo.root, env);
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.equal(requestsOf('correctness'), 3);

    sim.reset();
    const refused = await runCli(['review', 'src', '--format', 'json', '--passes', '4'], repo.root, env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--passes must be a whole number from 1 to 3/);
    assert.equal(sim.log.length, 0, 'nothing was sent');
    writeFileSync(config, JSON.stringify({ 'review.passes': 0 }));
    const badFile = await runCli(['review', 'src', '--config', config], repo.root, env);
    assert.equal(badFile.code, 2);
    assert.match(badFile.stderr, /review\.passes must be an integer from 1 to 3/);
    assert.equal(sim.log.length, 0, 'nothing was sent');
  });
});
