// --max-cost is a promise: what the simulator bills (its usage log, priced as the API prices it) never
// passes the cap, whatever the cap. Each request's worst case (its input counted by count_tokens, plus
// max_tokens of output) is checked before it is sent; one that could pass what is left is never sent.
// A model without a known price cannot be capped: refused before anything is sent, unless --config
// gives its prices. The built CLI bundle against the simulator.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costOf, type PriceTable } from '../../../src/core';
import { fromApiUsage } from '../../../src/core/usage';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';
import { buildCli, demoRepo, runCli } from './cliHarness';

const KEY = fakeKey('costcap');

describe('cli: --max-cost holds (built bundle)', function () {
  this.timeout(180_000);
  let sim: Simulator;
  let repo: ReturnType<typeof demoRepo>;
  let env: Record<string, string>;
  let bundleDir: string;
  let cli: string;

  before(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'cma-costcap-bundle-'));
    cli = await buildCli(bundleDir);
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
  after(async () => {
    await sim.close();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  const messagesSent = () => sim.log.filter((e) => e.body && 'max_tokens' in e.body);
  /** What the simulator billed: every message request's reported usage, at the given prices. */
  const billed = (prices?: PriceTable) =>
    messagesSent().reduce((sum, e) => sum + (costOf(fromApiUsage(e.usage), e.model, prices).usd ?? NaN), 0);

  it('billed never passes the cap: a request that could pass what is left is not sent', async () => {
    const config = join(repo.root, 'review.json');
    writeFileSync(config, JSON.stringify({ maxTokens: 256 }));
    const full = await runCli(['review', 'src', '--config', config, '--format', 'json'], repo.root, env, cli);
    assert.equal(full.code, 0, full.stderr);
    const uncapped = billed();
    const requests = messagesSent().length;
    assert.ok(uncapped > 0);

    for (const share of [0.2, 0.5, 0.8]) {
      sim.reset();
      const cap = Number((uncapped * share).toPrecision(3));
      const run = await runCli(
        ['review', 'src', '--config', config, '--format', 'json', '--max-cost', String(cap)],
        repo.root,
        env,
        cli,
      );
      assert.equal(run.code, 4, `cap ${cap}: ${run.stderr}`);
      assert.ok(billed() <= cap, `cap $${cap}: billed $${billed().toFixed(5)}`);
      assert.ok(messagesSent().length < requests, `cap ${cap}: fewer requests than a full run`);
      assert.match(
        run.stderr,
        /Not started: a request could cost up to \$[\d.]+ \(\d+ input tokens counted, max_tokens 256\)/,
      );
      const report = JSON.parse(run.stdout) as { status: string; message: string };
      assert.equal(report.status, 'budgetReached');
      assert.match(report.message, /Stopped at --max-cost/);
    }
    // Each request sent was counted first (count_tokens), with the same system block, before it arrived.
    sim.reset();
    await runCli(['review', 'src', '--config', config, '--max-cost', '1'], repo.root, env, cli);
    assert.ok(messagesSent().length > 0);
    for (const sent of messagesSent())
      assert.ok(
        sim.tokenCounts.some(
          (c) =>
            c.answeredAt <= sent.receivedAt &&
            JSON.stringify(c.body['system']) === JSON.stringify(sent.body!['system']) &&
            JSON.stringify(c.body['messages']) === JSON.stringify(sent.body!['messages']),
        ),
        'the request was counted before it was sent',
      );
  });

  it('refuses --max-cost for a model without a known price, unless --config gives its prices', async () => {
    const unknown = join(repo.root, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ model: 'claude-haiku-5-5', maxTokens: 256 }));
    const refused = await runCli(['review', 'src', '--config', unknown, '--max-cost', '0.05'], repo.root, env, cli);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /--max-cost cannot be kept: no price is known for claude-haiku-5-5/);
    assert.equal(sim.log.length, 0, 'nothing was sent');

    const prices = { 'claude-haiku-5-5': { input: 0.8, output: 4 } };
    const priced = join(repo.root, 'priced.json');
    writeFileSync(priced, JSON.stringify({ model: 'claude-haiku-5-5', maxTokens: 256, prices }));
    const run = await runCli(
      ['review', 'src', '--config', priced, '--max-cost', '0.05', '--format', 'json'],
      repo.root,
      env,
      cli,
    );
    assert.equal(run.code, 0, run.stderr);
    assert.ok(messagesSent().length > 0);
    assert.ok(billed(prices) <= 0.05);
    assert.ok((JSON.parse(run.stdout) as { costUsd: number }).costUsd > 0, 'the given prices cost the run');
  });
});
