import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import {
  ConversationThread,
  InterruptToken,
  WarmPrefixes,
  costOf,
  invokeParallel,
  type ClientConfig,
  type ParallelPrompt,
} from '../../../src/core';
import type { Simulator } from '../../support/simulator';
import { bigContext, withSimulator } from './helpers';

const prompts = (n: number, model?: string): ParallelPrompt[] =>
  Array.from({ length: n }, (_, i) => ({ prompt: `expert ${i}`, ...(model && { model }) }));

/** Collects process warnings emitted while `run` is pending (warnings are emitted on a later tick). */
async function warningsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const onWarning = (w: Error) => seen.push(w.name);
  process.on('warning', onWarning);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return seen;
}

describe('core: listeners, failed-request usage, idle timeout in conversations', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    ({ sim, client } = await withSimulator());
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ timeToFirstTokenMs: 5, tokensPerSecond: 0, outputTokens: 60 });
  });
  after(() => sim.close());

  it('a 10-prompt cache-aware fan-out raises no MaxListenersExceededWarning', async () => {
    sim.configure({ timeToFirstTokenMs: 20 });
    const warnings = await warningsDuring(() =>
      invokeParallel(prompts(10), { client, maxWorkers: 10, sharedSystem: bigContext('ten'), cacheSharedSystem: true }),
    );
    assert.deepEqual(
      warnings.filter((w) => w === 'MaxListenersExceededWarning'),
      [],
    );
  });

  it('leaves no abort listener on the caller’s signal once the fan-out settles, however often the signal is reused', async () => {
    const controller = new AbortController();
    for (let run = 0; run < 12; run++) await invokeParallel(prompts(2), { client, signal: controller.signal });
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
    const token = new InterruptToken();
    await invokeParallel(prompts(3), {
      client,
      interruptToken: token,
      sharedSystem: bigContext('tok'),
      cacheSharedSystem: true,
    });
    assert.equal(getEventListeners(token.signal, 'abort').length, 0);
  });

  it('InterruptToken.from stops following a reused signal once disposed', () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) InterruptToken.from(controller.signal).dispose();
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('a request that fails mid-stream reports the input tokens its message_start reported, and costs them', async () => {
    sim.enqueueFault({ kind: 'midStreamError', afterTokens: 12 });
    const [failed] = await invokeParallel(prompts(1), {
      client,
      sharedSystem: bigContext('fail'),
      retry: { maxRetries: 0 },
    });
    assert.equal(failed?.status, 'failed');
    const reported = sim.log[0]!.usage.input_tokens;
    assert.ok(reported > 1000);
    assert.equal(failed?.usage.inputTokens, reported);
    assert.ok(failed.usage.outputTokens > 0, 'the streamed text was billed as output');
    assert.ok((failed.cost.usd ?? 0) > 0);
  });

  it('ConversationThread honours idleTimeoutMs: a silent server surfaces as a timeout at once', async () => {
    sim.enqueueFault({ kind: 'stall', afterTokens: 3 });
    const thread = new ConversationThread({ client, idleTimeoutMs: 150, retry: { maxRetries: 0 } });
    await assert.rejects(thread.send('hello'), (e: Error & { kind?: string }) => e.kind === 'timeout');
  }).timeout(5000);

  it('a prompt’s own signal stops it alone, keeping its text; the others finish', async () => {
    sim.configure({ tokensPerSecond: 400, outputTokens: 200 });
    sim.holdResponses({ afterTokens: 8 }); // every stream stays open after 32 characters until one is stopped
    const stop = new AbortController();
    let seen = '';
    const all = prompts(3);
    all[1]!.signal = stop.signal;
    const results = await invokeParallel(all, {
      client,
      onEvent: (e) => {
        if (e.index === 1 && e.type === 'text') {
          seen += e.text;
          if (seen.length > 20 && !stop.signal.aborted) {
            stop.abort();
            sim.releaseResponses();
          }
        }
      },
    });
    assert.deepEqual(
      results.map((r) => r.status),
      ['completed', 'interrupted', 'completed'],
    );
    assert.equal(results[1]?.text, seen);
  });
});

describe('core: cache economics', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    ({ sim, client } = await withSimulator({ timeToFirstTokenMs: 30 }));
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  it('warms each model’s prefix once in a mixed-model fan-out: one write per model', async () => {
    const all = [...prompts(3), ...prompts(2, 'claude-haiku-4-5'), ...prompts(1, 'claude-opus-5')];
    const results = await invokeParallel(all, { client, sharedSystem: bigContext('mixed'), cacheSharedSystem: true });
    const writers = results.filter((r) => r.usage.cacheWriteTokens > 0).map((r) => r.model);
    assert.deepEqual([...writers].sort(), ['claude-haiku-4-5', 'claude-opus-5', 'claude-sonnet-5-5']);
    assert.equal(results.filter((r) => r.usage.cacheReadTokens > 0).length, 3);
  });

  it('a second fan-out over a known-warm prefix goes out at once and writes nothing', async () => {
    const warm = new WarmPrefixes();
    const shared = bigContext('again');
    await invokeParallel(prompts(4), { client, sharedSystem: shared, cacheSharedSystem: true, warmPrefixes: warm });
    const before = sim.log.length; // not sim.reset(): that would clear the simulator's cache too
    let waitedForCache: (reason: Error) => void = () => {};
    const gated = new Promise<never>((_, reject) => (waitedForCache = reject));
    sim.holdResponses();
    const second = invokeParallel(prompts(4), {
      client,
      sharedSystem: shared,
      cacheSharedSystem: true,
      warmPrefixes: warm,
      onQueued: (index, notice) =>
        notice.reason === 'cache' && waitedForCache(new Error(`prompt ${index} waited for a warm-up response`)),
    });
    // All four are sent while no reply has begun: none waited for a warm-up response.
    await Promise.race([sim.waitForRequests(before + 4), gated]);
    sim.releaseResponses();
    const results = await second;
    assert.equal(results.filter((r) => r.usage.cacheWriteTokens > 0).length, 0);
    assert.equal(results.filter((r) => r.usage.cacheReadTokens > 0).length, 4);
  });

  it('a prefix not known warm is still gated (the registry only skips waits it can justify)', async () => {
    const warm = new WarmPrefixes();
    warm.markWarm('claude-haiku-4-5', bigContext('other'));
    await invokeParallel(prompts(3), {
      client,
      sharedSystem: bigContext('other'),
      cacheSharedSystem: true,
      warmPrefixes: warm,
    });
    const first = sim.log[0]!;
    for (const later of sim.log.slice(1))
      assert.ok(later.receivedAt >= first.messageStartAt!, 'a different model is not warm');
  });

  it('tells why a prompt waits: the cache being written, or its place in line at the concurrency limit', async () => {
    const queued: Array<[number, string]> = [];
    await invokeParallel(prompts(4), {
      client,
      maxWorkers: 2,
      sharedSystem: bigContext('queue'),
      cacheSharedSystem: true,
      onQueued: (index, notice) =>
        queued.push([index, notice.reason === 'cache' ? 'cache' : `line ${notice.position} of limit ${notice.limit}`]),
    });
    assert.deepEqual(
      queued.filter(([, why]) => why === 'cache').map(([i]) => i),
      [1, 2, 3],
    );
    const inLine = queued.filter(([, why]) => why !== 'cache');
    // The fourth hears its place again when the third starts.
    assert.deepEqual(inLine, [
      [2, 'line 1 of limit 2'],
      [3, 'line 2 of limit 2'],
      [3, 'line 1 of limit 2'],
    ]);
  });

  it('forgets an entry after its lifetime', () => {
    let now = 0;
    const warm = new WarmPrefixes(() => now);
    warm.markWarm('m', 'prefix');
    assert.ok(warm.isWarm('m', 'prefix'));
    assert.ok(!warm.isWarm('m', 'prefix2'));
    now = 5 * 60_000;
    assert.ok(!warm.isWarm('m', 'prefix'));
    warm.markWarm('m', 'prefix', '1h');
    now += 30 * 60_000;
    assert.ok(warm.isWarm('m', 'prefix'));
  });

  it('the 1-hour lifetime is sent as ttl and its writes are priced at 2× input', async () => {
    const [result] = await invokeParallel(prompts(1), {
      client,
      sharedSystem: bigContext('hour'),
      cacheSharedSystem: true,
      cacheTtl: '1h',
    });
    assert.match(JSON.stringify(sim.log[0]?.body), /"ttl":"1h"/);
    const u = result!.usage;
    assert.ok(u.cacheWriteTokens > 0);
    assert.equal(u.cacheWrite1hTokens, u.cacheWriteTokens);
    const fiveMinute = costOf({ ...u, cacheWrite1hTokens: 0 }, result!.model);
    const expectedExtra = (u.cacheWriteTokens * 2 * (2 - 1.25)) / 1e6; // sonnet-5-5 input $2/M
    assert.ok(Math.abs((result!.cost.inputUsd ?? 0) - (fiveMinute.inputUsd ?? 0) - expectedExtra) < 1e-9);
  });
});
