import {
  InterruptToken,
  costOf,
  invokeClaude,
  invokeParallel,
  addCosts,
  type ClientConfig,
  type FanOutStrategy,
} from '../../src/core';
import { startSimulator, type Simulator } from '../support/simulator';
import { median, type Row } from './stats';

const MODEL = 'claude-sonnet-5-5';
const EXPERTS = ['security', 'performance', 'correctness', 'maintainability', 'style'];

/** About 20k tokens of code-like context, unique per call so that no run reads another's cache. */
let salt = 0;
const sharedContext = (): string =>
  `run ${salt++}\n` +
  Array.from({ length: 2000 }, (_, i) => `  ${i}| const item${i} = await repository.load(${i}); // shared line`).join(
    '\n',
  );

const expertPrompts = () => EXPERTS.map((e) => ({ prompt: `Review the code above as the ${e} expert.` }));

async function fanOutCost(client: ClientConfig, mode: FanOutStrategy | 'noCache'): Promise<number> {
  const results = await invokeParallel(expertPrompts(), {
    client,
    model: MODEL,
    sharedSystem: sharedContext(),
    cacheSharedSystem: mode !== 'noCache',
    strategy: mode === 'noCache' ? 'allAtOnce' : mode,
  });
  const failed = results.find((r) => r.status !== 'completed');
  if (failed) throw new Error(`bench request failed: ${failed.error?.message ?? failed.status}`);
  return addCosts(results.map((r) => costOf(r.usage, MODEL))).inputUsd!;
}

async function wallTime(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

async function interruptToAllClosed(sim: Simulator, client: ClientConfig): Promise<number> {
  sim.reset();
  const token = new InterruptToken();
  const streaming = new Set<number>();
  let interruptedAt = 0;
  const allStreaming = new Promise<void>((resolve) => {
    void invokeParallel(expertPrompts(), {
      client,
      model: MODEL,
      interruptToken: token,
      onEvent: (event) => {
        if (event.type !== 'text') return;
        streaming.add(event.index);
        if (streaming.size === EXPERTS.length) resolve();
      },
    });
  });
  await allStreaming;
  interruptedAt = performance.now();
  token.interrupt();
  await sim.waitForIdle(5000);
  const lastClosed = Math.max(...sim.log.map((e) => e.closedAt ?? Infinity));
  return lastClosed - interruptedAt;
}

export async function runCoreBench(rounds: number): Promise<Row[]> {
  // Realistic pacing: 400 ms to the first token, 150 tokens/s, 150-token answers.
  const sim = await startSimulator({
    apiKey: 'bench-key',
    timeToFirstTokenMs: 400,
    tokensPerSecond: 150,
    outputTokens: 150,
  });
  const client: ClientConfig = { apiKey: 'bench-key', baseURL: sim.url };
  try {
    const ratios = { aware: [] as number[], naive: [] as number[], fanout: [] as number[] };
    const costs = { aware: [] as number[], naive: [] as number[], none: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      const aware = await fanOutCost(client, 'cacheAware');
      const naive = await fanOutCost(client, 'allAtOnce');
      const none = await fanOutCost(client, 'noCache');
      costs.aware.push(aware);
      costs.naive.push(naive);
      costs.none.push(none);
      ratios.aware.push(aware / naive);
      ratios.naive.push(naive / none);
      const single = await wallTime(() =>
        invokeClaude('Review the code above.', { client, model: MODEL, system: sharedContext() }),
      );
      const five = await wallTime(() =>
        invokeParallel(expertPrompts(), {
          client,
          model: MODEL,
          sharedSystem: sharedContext(),
          cacheSharedSystem: true,
        }),
      );
      ratios.fanout.push(five / single);
    }
    const closes: number[] = [];
    for (let round = 0; round < rounds; round++) closes.push(await interruptToAllClosed(sim, client));

    const awareVsNaive = median(ratios.aware);
    const fanout = median(ratios.fanout);
    const close = median(closes);
    return [
      { figure: 'billed input, cache-aware fan-out (USD, 5 experts)', value: median(costs.aware).toFixed(4) },
      { figure: 'billed input, all at once with caching (USD)', value: median(costs.naive).toFixed(4) },
      { figure: 'billed input, no caching (USD)', value: median(costs.none).toFixed(4) },
      {
        figure: 'cache-aware / all-at-once input cost',
        value: awareVsNaive.toFixed(3),
        target: '<= 0.30',
        met: awareVsNaive <= 0.3,
      },
      { figure: 'all-at-once cached / uncached input cost', value: median(ratios.naive).toFixed(3) },
      {
        figure: 'cache-aware / uncached input cost',
        value: median(costs.aware.map((a, i) => a / costs.none[i]!)).toFixed(3),
      },
      { figure: 'wall time, 5 experts / 1 expert', value: fanout.toFixed(2), target: '<= 1.5', met: fanout <= 1.5 },
      { figure: 'interrupt -> last connection closed (ms)', value: close.toFixed(1), target: '< 50', met: close < 50 },
    ];
  } finally {
    await sim.close();
  }
}
