import assert from 'node:assert/strict';
import {
  createLimiter,
  invokeParallel,
  invokeParallelStreaming,
  invokeParallelInterruptible,
  InterruptToken,
  type ClientConfig,
  type Logger,
  type QueuedNotice,
} from '../../../src/core';

const prompts3 = (tag: string) => Array.from({ length: 3 }, (_, i) => ({ prompt: `${tag} task ${i}` }));
import type { Simulator } from '../../support/simulator';
import { bigContext, withSimulator } from './helpers';

describe('core: parallel fan-out', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    ({ sim, client } = await withSimulator());
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ timeToFirstTokenMs: 5, tokensPerSecond: 0, responder: () => undefined });
  });
  after(() => sim.close());

  const prompts = (n: number) => Array.from({ length: n }, (_, i) => ({ prompt: `task number ${i}` }));

  it('returns results in prompt order whatever order they finish in', async () => {
    sim.configure({
      responder: (req) => {
        const last = JSON.stringify(req.messages.at(-1));
        const n = Number(/task number (\d)/.exec(last)?.[1] ?? 0);
        return 'x '.repeat(Math.max(0, 5 - n) * 40) + `answer ${n}`;
      },
      tokensPerSecond: 4000,
    });
    const results = await invokeParallel(prompts(5), { client });
    results.forEach((r, i) => assert.match(r.text, new RegExp(`answer ${i}$`)));
  });

  it('reports one typed event stream: per prompt, start before text, a retry when one is sent again, done last with its result', async () => {
    sim.enqueueFault({
      kind: 'status',
      status: 529,
      match: (req) => JSON.stringify(req.messages).includes('task number 1'),
    });
    const events: Array<{ type: string; index: number }> = [];
    const done = new Map<number, unknown>();
    const results = await invokeParallel(prompts(3), {
      client,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      onEvent: (event) => {
        events.push({ type: event.type, index: event.index });
        if (event.type === 'done') done.set(event.index, event.result);
      },
    });
    results.forEach((r, i) => assert.equal(done.get(i), r, `done carries prompt ${i}'s result`));
    for (let i = 0; i < 3; i++) {
      const mine = events.filter((e) => e.index === i).map((e) => e.type);
      const kinds = mine.filter((t, k) => t !== mine[k - 1]);
      assert.deepEqual(kinds, i === 1 ? ['retry', 'start', 'text', 'done'] : ['start', 'text', 'done'], `prompt ${i}`);
    }
    assert.deepEqual(
      results.map((r) => r.status),
      ['completed', 'completed', 'completed'],
    );
  });

  it('never has more requests open than maxWorkers', async () => {
    sim.configure({ tokensPerSecond: 2000, outputTokens: 80 });
    sim.holdResponses();
    const run = invokeParallel(prompts(7), { client, maxWorkers: 2 });
    await sim.waitForRequests(2); // the first two are open together…
    sim.releaseResponses();
    const results = await run;
    assert.deepEqual(
      results.map((r) => r.error?.message ?? r.status),
      Array(7).fill('completed'),
    );
    assert.equal(sim.maxConcurrent, 2);
  });

  it('rejects maxWorkers outside 1..10', async () => {
    await assert.rejects(invokeParallel(prompts(1), { client, maxWorkers: 11 }), RangeError);
    await assert.rejects(invokeParallel(prompts(1), { client, maxWorkers: 0 }), RangeError);
  });

  it('streams each prompt to its own callback', async () => {
    const seen: string[][] = [[], [], []];
    const results = await invokeParallelStreaming(
      prompts(3),
      seen.map((s) => (c: string) => s.push(c)),
      { client },
    );
    results.forEach((r, i) => assert.equal(seen[i]?.join(''), r.text));
  });

  it('cache-aware fan-out writes the shared block once and reads it N-1 times', async () => {
    const shared = bigContext('aware');
    const results = await invokeParallel(prompts(5), { client, sharedSystem: shared, cacheSharedSystem: true });
    const writes = results.filter((r) => r.usage.cacheWriteTokens > 0);
    const reads = results.filter((r) => r.usage.cacheReadTokens > 0);
    assert.equal(writes.length, 1);
    assert.equal(reads.length, 4);
    assert.equal(reads[0]?.usage.cacheReadTokens, writes[0]?.usage.cacheWriteTokens);
    // The first request went out alone; the others only after its stream began.
    const first = sim.log[0]!;
    for (const later of sim.log.slice(1))
      assert.ok(later.receivedAt >= first.messageStartAt!, 'followers wait for message_start');
  });

  it('all-at-once fan-out pays one cache write per request (the naive behaviour)', async () => {
    sim.holdResponses();
    const run = invokeParallel(prompts(5), {
      client,
      sharedSystem: bigContext('naive'),
      cacheSharedSystem: true,
      strategy: 'allAtOnce',
    });
    await sim.waitForRequests(5); // all five sent before any reply began
    sim.releaseResponses();
    const results = await run;
    assert.equal(results.filter((r) => r.usage.cacheWriteTokens > 0).length, 5);
    assert.equal(results.filter((r) => r.usage.cacheReadTokens > 0).length, 0);
  });

  it('skips the breakpoint, with a logged reason, when the shared block is below the minimum', async () => {
    const lines: string[] = [];
    const logger: Logger = { debug() {}, info: (m) => lines.push(m), warn() {}, error() {} };
    await invokeParallel(prompts(2), { client, sharedSystem: 'short shared context', cacheSharedSystem: true, logger });
    assert.doesNotMatch(JSON.stringify(sim.log.map((e) => e.body)), /cache_control/);
    assert.ok(
      lines.some((l) => /below the 1024-token minimum/.test(l)),
      lines.join('\n'),
    );
  });

  it('interrupting closes every open stream at once and keeps what arrived', async () => {
    sim.configure({ tokensPerSecond: 100, outputTokens: 2000 });
    const token = new InterruptToken();
    const texts = ['', '', ''];
    const run = invokeParallelInterruptible(prompts(3), token, {
      client,
      onEvent: (event) => {
        if (event.type !== 'text') return;
        texts[event.index] += event.text;
        if (texts.every((t) => t.length > 20)) token.interrupt();
      },
    });
    const results = await run;
    assert.deepEqual(
      results.map((r) => r.status),
      ['interrupted', 'interrupted', 'interrupted'],
    );
    results.forEach((r, i) => {
      assert.ok(r.text.length > 20);
      assert.equal(r.text, texts[i]);
    });
    await sim.waitForIdle(1000);
    assert.equal(sim.inFlight(), 0);
    assert.ok(
      sim.log.every((e) => e.aborted),
      'the simulator saw every request aborted',
    );
  });

  it('prompts not yet started when interrupted are reported as notStarted', async () => {
    sim.configure({ tokensPerSecond: 100, outputTokens: 2000 });
    const token = new InterruptToken();
    const run = invokeParallel(prompts(4), {
      client,
      maxWorkers: 1,
      interruptToken: token,
      onEvent: (e) => e.type === 'text' && e.index === 0 && token.interrupt(),
    });
    const results = await run;
    assert.equal(results[0]?.status, 'interrupted');
    assert.deepEqual(
      results.slice(1).map((r) => r.status),
      ['notStarted', 'notStarted', 'notStarted'],
    );
    assert.equal(sim.log.length, 1);
  });

  it('one failing prompt does not stop the others', async () => {
    sim.enqueueFault({
      kind: 'midStreamError',
      afterTokens: 8,
      match: (req) => JSON.stringify(req.messages).includes('task number 1'),
    });
    const results = await invokeParallel(prompts(3), { client });
    assert.equal(results[0]?.status, 'completed');
    assert.equal(results[1]?.status, 'failed');
    assert.equal(results[1]?.error?.kind, 'overloaded');
    assert.ok(results[1]!.text.length > 0, 'partial text survives');
    assert.equal(results[2]?.status, 'completed');
  });
});

describe('core: a limiter shared between fan-outs', () => {
  it('tells each waiting prompt its new place in line as those ahead start, across fan-outs sharing the limiter', async () => {
    const { sim, client } = await withSimulator({ tokensPerSecond: 2000, outputTokens: 40 });
    try {
      const limiter = createLimiter(1);
      const places = new Map<string, number[]>();
      const note = (run: string) => (index: number, notice: QueuedNotice) => {
        if (notice.reason === 'concurrency')
          places.set(`${run}${index}`, [...(places.get(`${run}${index}`) ?? []), notice.position]);
      };
      // One at a time: a0 starts, a1 a2 wait, then b0 b1 join behind them.
      const a = invokeParallel(prompts3('a'), { client, limiter, onQueued: note('a') });
      const b = invokeParallel(prompts3('b').slice(0, 2), { client, limiter, onQueued: note('b') });
      await Promise.all([a, b]);
      assert.deepEqual(Object.fromEntries(places), { a1: [1], a2: [2, 1], b0: [3, 2, 1], b1: [4, 3, 2, 1] });
    } finally {
      await sim.close();
    }
  });

  it('keeps several concurrent runs within one concurrency', async () => {
    const { sim, client } = await withSimulator({ tokensPerSecond: 2000, outputTokens: 80 });
    try {
      const limiter = createLimiter(3);
      sim.holdResponses();
      const all = Promise.all(
        [0, 1, 2].map(() =>
          invokeParallel(
            Array.from({ length: 4 }, (_, i) => ({ prompt: `p${i}` })),
            { client, limiter, maxWorkers: 10 },
          ),
        ),
      );
      await sim.waitForRequests(3); // three open together…
      sim.releaseResponses();
      const runs = await all;
      assert.equal(runs.flat().filter((r) => r.status === 'completed').length, 12);
      assert.equal(sim.maxConcurrent, 3);
    } finally {
      await sim.close();
    }
  });
});
