// Cost before and during a review: the estimate (count_tokens on the simulator), spending caps,
// stopping one expert, and a second review over a still-warm cache.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { costOf, WarmPrefixes, type ClientConfig } from '../../../src/core';
import { fromApiUsage } from '../../../src/core/usage';
import { nodeWorkspaceFs } from '../../../src/node';
import {
  BUILTIN_EXPERTS,
  ExpertControls,
  estimateReview,
  formatEstimate,
  runReviewPipeline,
  type ExpertDefinition,
  type ReviewEvent,
  type ReviewPipelineInput,
  type ReviewSettings,
} from '../../../src/review';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';

/** A folder whose code is well above every model's minimum cacheable length (about 9k tokens). */
async function largeProject(): Promise<string> {
  const root = await fsp.mkdtemp(join(tmpdir(), 'cma-cost-'));
  await fsp.mkdir(join(root, 'src'));
  const lines = Array.from({ length: 600 }, (_, i) => `export const value${i} = compute(${i}) + offset; // line ${i}`);
  await fsp.writeFile(join(root, 'src', 'big.ts'), lines.join('\n'));
  return root;
}
let FIXTURE = '';
const KEY = fakeKey('cost');
const SETTINGS: ReviewSettings = {
  model: 'claude-sonnet-5-5',
  maxTokens: 4096,
  maxConcurrency: 5,
  contextTokenBudget: 60_000,
  exclude: [],
  synthesis: false,
  fanOutStrategy: 'cacheAware',
};

function pipelineInput(
  client: ClientConfig,
  overrides: Partial<ReviewPipelineInput> & { events?: ReviewEvent[] } = {},
): ReviewPipelineInput {
  const { events, ...rest } = overrides;
  return {
    target: { kind: 'paths', paths: ['src'] },
    title: 'src',
    files: { fs: nodeWorkspaceFs, root: FIXTURE },
    experts: { load: () => Promise.resolve({ experts: [...BUILTIN_EXPERTS], problems: [] }) },
    access: () => Promise.resolve(client),
    settings: SETTINGS,
    onEvent: (e) => events?.push(e),
    store: { save: () => Promise.resolve() },
    ...rest,
  };
}

describe('review: cost before and during a run', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    FIXTURE = await largeProject();
    sim = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 10, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ tokensPerSecond: 0, outputTokens: 60, timeToFirstTokenMs: 10, responder: undefined });
  });
  after(() => sim.close());

  it('estimates the input cost within 10% of what the simulator bills, counting tokens with count_tokens', async () => {
    const events: ReviewEvent[] = [];
    const result = await runReviewPipeline(pipelineInput(client, { events }));
    assert.equal(result.kind, 'finished');
    if (result.kind !== 'finished') return;
    const planned = events.find((e) => e.type === 'planned');
    assert.ok(planned?.type === 'planned');
    const estimated = planned.plan.estimate.inputUsd!;
    const billed = result.outcome.cost.inputUsd!;
    assert.ok(Math.abs(estimated - billed) / billed < 0.1, `estimated ${estimated}, billed ${billed}`);
    assert.equal(planned.plan.estimate.cacheWrites, 1);
    assert.match(planned.plan.estimate.summary ?? '', /^4 experts · \d+k? tokens · ≈ \$[\d.]+–[\d.]+$/);
  });

  it('falls back to a local estimate when count_tokens cannot be reached', async () => {
    const offline = await estimateReview({
      client: { apiKey: KEY, baseURL: 'http://127.0.0.1:9' },
      block: { system: 'x'.repeat(8000), prefixKey: 'x'.repeat(8000) },
      experts: BUILTIN_EXPERTS,
      model: 'claude-sonnet-5-5',
      maxTokens: 4096,
      synthesis: false,
    });
    assert.equal(offline.counted, 'local');
    assert.equal(offline.sharedTokens, 2000);
    assert.match(formatEstimate(offline), /~2k tokens/);
  });

  it('reports live tokens, cost and cache status per expert, and a running total', async () => {
    const events: ReviewEvent[] = [];
    await runReviewPipeline(pipelineInput(client, { events }));
    const costs = events.flatMap((e) => (e.type === 'cost' ? [e] : []));
    const finals = costs.filter((c) => c.live.final);
    assert.equal(finals.length, BUILTIN_EXPERTS.length);
    assert.deepEqual(finals.map((c) => c.live.cache).sort(), ['read', 'read', 'read', 'written']);
    const last = costs.at(-1)!;
    assert.ok(last.total.usd > 0 && last.total.savedUsd > 0, 'caching saved something over four experts');
  });

  it('an estimate above the per-run cap asks first; declined, nothing is sent', async () => {
    const asked: string[] = [];
    const result = await runReviewPipeline(
      pipelineInput(client, {
        settings: { ...SETTINGS, budget: { perRunUsd: 0.0001, perDayUsd: 0 } },
        confirmCost: (_e, reason) => (asked.push(reason), Promise.resolve(false)),
      }),
    );
    assert.equal(result.kind, 'stopped');
    assert.equal(result.kind === 'stopped' && result.reason, 'overBudget');
    assert.match(asked[0] ?? '', /per-run cap/);
    assert.equal(sim.log.length, 0);
  });

  it('the per-run cap holds: billed never passes it, a request that could is not sent, and the message says which cap', async () => {
    sim.configure({ outputTokens: 4000, tokensPerSecond: 400 });
    const events: ReviewEvent[] = [];
    let spent = 0;
    const input = pipelineInput(client, {
      events,
      confirmCost: () => Promise.resolve(true),
      spend: { spentToday: () => 0, add: (usd) => ((spent += usd), Promise.resolve()) },
    });
    // One expert's worst case (its input at the cache-write price, 1024 tokens of output) fits under
    // $0.04, two do not: before the guard, all four streamed until the live total passed the cap.
    const result = await runReviewPipeline({
      ...input,
      settings: { ...SETTINGS, maxTokens: 1024, budget: { perRunUsd: 0.04, perDayUsd: 0 } },
    });
    assert.equal(result.kind, 'finished');
    if (result.kind !== 'finished') return;
    assert.equal(result.outcome.status, 'cancelled');
    assert.match(result.outcome.message ?? '', /per-run cap of \$0\.04/);
    assert.ok(events.some((e) => e.type === 'capReached' && e.cap === 'perRun'));
    await sim.waitForIdle();
    const billed = sim.log.reduce((sum, e) => sum + (costOf(fromApiUsage(e.usage), e.model).usd ?? NaN), 0);
    assert.ok(sim.log.length >= 1 && sim.log.length < BUILTIN_EXPERTS.length, `${sim.log.length} requests sent`);
    assert.ok(billed <= 0.04, `billed $${billed.toFixed(5)}`);
    assert.ok(spent > 0 && spent <= 0.04, `spend recorded: ${spent}`);
  });

  it('the daily cap counts what was spent earlier today', async () => {
    sim.configure({ outputTokens: 4000, tokensPerSecond: 400 });
    const events: ReviewEvent[] = [];
    const result = await runReviewPipeline(
      pipelineInput(client, {
        events,
        confirmCost: () => Promise.resolve(true),
        settings: { ...SETTINGS, budget: { perRunUsd: 0, perDayUsd: 1.01 } },
        spend: { spentToday: () => 1, add: () => Promise.resolve() },
      }),
    );
    assert.ok(result.kind === 'finished');
    assert.match(result.outcome.message ?? '', /daily cap of \$1\.01/);
  });

  it('queued experts hear their place in line move up as the experts ahead of them start', async () => {
    const events: ReviewEvent[] = [];
    await runReviewPipeline(pipelineInput(client, { events, settings: { ...SETTINGS, maxConcurrency: 1 } }));
    const notesOf = (id: string) =>
      events.flatMap((e) =>
        e.type === 'status' && e.sectionId === id && e.status === 'queued' && e.note ? [e.note] : [],
      );
    const last = BUILTIN_EXPERTS.at(-1)!.id;
    assert.deepEqual(
      notesOf(last).filter((n) => /in line/.test(n)),
      ['3rd', '2nd', '1st'].map((place) => `Queued: ${place} in line (at most 1 request at once).`),
    );
    assert.deepEqual(
      notesOf(BUILTIN_EXPERTS[1]!.id).filter((n) => /in line/.test(n)),
      ['Queued: 1st in line (at most 1 request at once).'],
    );
  });

  it('stops one expert without touching the others', async () => {
    sim.configure({ outputTokens: 400, tokensPerSecond: 800 });
    const controls = new ExpertControls();
    const victim = BUILTIN_EXPERTS[1]!.id;
    const events: ReviewEvent[] = [];
    // Every reply stays open after its first tokens until the victim is stopped, mid-stream.
    sim.holdResponses({ afterTokens: 4 });
    const result = await runReviewPipeline(
      pipelineInput(client, {
        controls,
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'text' && e.sectionId === victim && controls.stop(victim)) sim.releaseResponses();
        },
      }),
    );
    assert.ok(result.kind === 'finished');
    const runs = result.outcome.experts;
    assert.deepEqual(
      runs.map((r) => r.status),
      BUILTIN_EXPERTS.map((e) => (e.id === victim ? 'interrupted' : 'completed')),
    );
    assert.equal(result.outcome.status, 'completed');
    assert.ok(
      events.some(
        (e) =>
          e.type === 'status' && e.sectionId === victim && e.status === 'cancelled' && /Stopped/.test(e.note ?? ''),
      ),
    );
  });

  it('a second review of the same code within the cache lifetime writes nothing and does not wait for a warm-up', async () => {
    const warmPrefixes = new WarmPrefixes();
    await runReviewPipeline(pipelineInput(client, { warmPrefixes }));
    const before = sim.log.length;
    const events: ReviewEvent[] = [];
    sim.holdResponses();
    const run = runReviewPipeline(pipelineInput(client, { warmPrefixes, events }));
    // Every expert is sent while no reply has begun: none waits for a warm-up response.
    await sim.waitForRequests(before + BUILTIN_EXPERTS.length);
    sim.releaseResponses();
    const second = await run;
    assert.ok(second.kind === 'finished');
    assert.equal(second.outcome.usage.cacheWriteTokens, 0);
    const planned = events.find((e) => e.type === 'planned');
    assert.equal(
      planned?.type === 'planned' && planned.plan.estimate.cacheWrites,
      0,
      'the estimate knows the prefix is warm',
    );
  });

  it('with project rules in the block, the estimate of a second review still knows the prefix is warm', async () => {
    // The rules and the code are two cached blocks: the estimate must name the prefix as the fan-out does.
    const root = await largeProject();
    await fsp.writeFile(join(root, 'REVIEW.md'), '# Review rules\n\nEvery exported value must be documented.\n');
    const files = { fs: nodeWorkspaceFs, root, trusted: true };
    const warmPrefixes = new WarmPrefixes();
    const first = await runReviewPipeline(pipelineInput(client, { files, warmPrefixes }));
    assert.ok(first.kind === 'finished');
    assert.deepEqual(
      first.record.rules.files.map((f) => f.path),
      ['REVIEW.md'],
    );
    const events: ReviewEvent[] = [];
    const second = await runReviewPipeline(pipelineInput(client, { files, warmPrefixes, events }));
    assert.ok(second.kind === 'finished');
    assert.equal(second.outcome.usage.cacheWriteTokens, 0, 'nothing was written');
    const planned = events.find((e) => e.type === 'planned');
    assert.equal(planned?.type === 'planned' && planned.plan.estimate.cacheWrites, 0, 'and none was estimated');
  });

  it('retries a stopped expert and adds another over the same cached block: reads, no writes', async () => {
    sim.configure({ outputTokens: 400, tokensPerSecond: 800 });
    const controls = new ExpertControls();
    const warmPrefixes = new WarmPrefixes();
    const victim = BUILTIN_EXPERTS[2]!;
    sim.holdResponses({ afterTokens: 4 }); // open after their first tokens until the victim is stopped
    const first = await runReviewPipeline(
      pipelineInput(client, {
        controls,
        warmPrefixes,
        onEvent: (e) =>
          void (e.type === 'text' && e.sectionId === victim.id && controls.stop(victim.id) && sim.releaseResponses()),
      }),
    );
    assert.ok(first.kind === 'finished');
    assert.equal(first.outcome.experts.find((r) => r.expert.id === victim.id)?.status, 'interrupted');
    sim.configure({ tokensPerSecond: 0, outputTokens: 60 });
    const before = sim.log.length;
    const added: ExpertDefinition = { ...BUILTIN_EXPERTS[0]!, id: 'accessibility', name: 'Accessibility' };
    const events: ReviewEvent[] = [];
    const more = await first.review.addExperts([victim, added], {
      settings: SETTINGS,
      onEvent: (e) => events.push(e),
    });
    assert.ok(more.kind === 'finished');
    const { outcome } = more;
    const log = sim.log.slice(before);
    assert.equal(log.length, 2);
    assert.ok(
      log.every((e) => e.usage.cache_read_input_tokens > 0 && e.usage.cache_creation_input_tokens === 0),
      'both read the cache the review wrote',
    );
    assert.deepEqual(
      outcome.experts.map((r) => r.expert.id),
      [...BUILTIN_EXPERTS.map((e) => e.id), 'accessibility'],
    );
    assert.equal(outcome.experts.find((r) => r.expert.id === victim.id)?.status, 'completed');
    assert.ok((outcome.cost.usd ?? 0) > (first.outcome.cost.usd ?? 0), 'the new requests are added to the cost');
    const lastTotal = events.flatMap((e) => (e.type === 'cost' ? [e.total.usd] : [])).at(-1)!;
    assert.ok(
      Math.abs(lastTotal - outcome.cost.usd!) < 1e-9,
      `the running total is the review's: ${lastTotal} vs ${outcome.cost.usd}`,
    );
    assert.ok(
      !events.some((e) => e.type === 'status' && e.sectionId === 'synthesis'),
      'the synthesis section is left alone',
    );
    // Only the added expert gets a new lane, announced before its first status; the record keeps it.
    const addedAt = events.findIndex((e) => e.type === 'moreExperts');
    assert.deepEqual(events[addedAt], {
      type: 'moreExperts',
      sections: [
        { id: victim.id, title: victim.name },
        { id: 'accessibility', title: 'Accessibility' },
      ],
      added: [{ id: 'accessibility', title: 'Accessibility' }],
    });
    assert.ok(addedAt < events.findIndex((e) => e.type === 'status' && e.sectionId === 'accessibility'));
    assert.deepEqual(
      more.record?.sections.map((s) => s.id),
      [...BUILTIN_EXPERTS.map((e) => e.id), 'accessibility'],
    );
    assert.equal(more.record?.findings.length, outcome.merged.findings.length);
  });

  describe('retrying or adding an expert respects the spending caps', () => {
    async function finishedReview(): Promise<
      Extract<Awaited<ReturnType<typeof runReviewPipeline>>, { kind: 'finished' }>
    > {
      const first = await runReviewPipeline(pipelineInput(client));
      assert.ok(first.kind === 'finished');
      return first;
    }

    it('an estimate above the per-run cap asks first; declined, nothing is sent', async () => {
      const first = await finishedReview();
      const before = sim.log.length;
      const asked: string[] = [];
      const result = await first.review.addExperts([BUILTIN_EXPERTS[0]!], {
        settings: { ...SETTINGS, budget: { perRunUsd: 0.0001, perDayUsd: 0 } },
        onEvent: () => {},
        confirmCost: (_e, reason) => (asked.push(reason), Promise.resolve(false)),
      });
      assert.equal(sim.log.length, before, 'no request was sent');
      assert.ok(result.kind === 'stopped' && result.reason === 'overBudget', 'the retry stops before it starts');
      assert.match(asked[0] ?? '', new RegExp(`^${BUILTIN_EXPERTS[0]!.name} may cost up to .*per-run cap`));
    });

    it('the daily cap counts what was spent earlier today', async () => {
      const first = await finishedReview();
      const before = sim.log.length;
      const result = await first.review.addExperts([BUILTIN_EXPERTS[1]!], {
        settings: { ...SETTINGS, budget: { perRunUsd: 0, perDayUsd: 1 } },
        spend: { spentToday: () => 0.999, add: () => Promise.resolve() },
        onEvent: () => {},
      });
      assert.ok(result.kind === 'stopped' && /daily cap/.test(result.message));
      assert.equal(sim.log.length, before);
    });

    it('a retry that could pass the cap is not sent, says which cap, and adds nothing it was not billed', async () => {
      const first = await finishedReview();
      sim.configure({ tokensPerSecond: 200 });
      const retry = (
        settings: ReviewSettings,
        onEvent: (e: ReviewEvent) => void,
        spend?: { spentToday: () => number; add: (usd: number) => Promise<void> },
      ) =>
        first.review.addExperts([BUILTIN_EXPERTS[0]!], {
          settings,
          onEvent,
          confirmCost: () => Promise.resolve(true),
          ...(spend && { spend }),
        });
      // What one retry costs when its answer starts (input only) and when it ends: the cap goes halfway.
      const costs: number[] = [];
      await retry(SETTINGS, (e) => void (e.type === 'cost' && costs.push(e.live.usd ?? 0)));
      const cap = (costs[0]! + costs.at(-1)!) / 2;
      const events: ReviewEvent[] = [];
      let spent = 0;
      const result = await retry({ ...SETTINGS, budget: { perRunUsd: cap, perDayUsd: 0 } }, (e) => events.push(e), {
        spentToday: () => 0,
        add: (usd) => ((spent += usd), Promise.resolve()),
      });
      assert.ok(result.kind === 'finished');
      assert.ok(events.some((e) => e.type === 'capReached' && e.cap === 'perRun'));
      // Its worst case (max_tokens of output) is above the cap: it never starts, and nothing is billed.
      assert.match(result.outcome.message ?? '', /Not started: a request could cost up to .* the per-run cap/);
      const retried = result.outcome.experts.find((r) => r.expert.id === BUILTIN_EXPERTS[0]!.id)!;
      assert.notEqual(retried.status, 'completed');
      assert.ok(spent <= cap, `spend recorded: ${spent} (cap ${cap})`);
    });
  });
});
