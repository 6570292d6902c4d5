// The batch sweep's billed cost against the same sweep run interactively: the same context groups
// and experts, once as one Message Batch (runSweep) and once as one streamed review per group
// (runReviewPipeline, cache-aware fan-out, no synthesis), side by side against the simulator.
import {
  BUILTIN_EXPERTS,
  DEFAULT_REVIEW_SETTINGS,
  runReviewPipeline,
  runSweep,
  type ReviewSettings,
  type SweepState,
} from '../../src/review';
import { demoResponder } from '../support/demoResponder';
import { MemoryWorkspaceFs } from '../support/memoryWorkspaceFs';
import { startSimulator } from '../support/simulator';
import type { Row } from './stats';

const ROOT = '/bench-sweep';

/** Eight files of a few thousand tokens each: several per group at a 9,000-token budget. */
function workspace(salt: number): Array<[string, string]> {
  return Array.from({ length: 8 }, (_, f): [string, string] => [
    `src/module${f}.ts`,
    Array.from(
      { length: 120 },
      (_, i) => `export const value${f}_${i} = compute(${i}, ${salt}); // module ${f} line ${i}`,
    ).join('\n') + '\n',
  ]);
}

export async function runSweepBench(smoke: boolean): Promise<Row[]> {
  const sim = await startSimulator({
    apiKey: 'bench',
    responder: demoResponder,
    timeToFirstTokenMs: smoke ? 1 : 5,
    tokensPerSecond: 0,
  });
  const client = { apiKey: 'bench', baseURL: sim.url };
  const settings: ReviewSettings = { ...DEFAULT_REVIEW_SETTINGS, contextTokenBudget: 9000, synthesis: false };
  const experts = [...BUILTIN_EXPERTS];
  try {
    let saved: SweepState | undefined;
    const swept = await runSweep({
      paths: ['src'],
      title: 'bench',
      files: { fs: new MemoryWorkspaceFs(ROOT, workspace(1)), root: ROOT },
      experts,
      client,
      settings,
      state: {
        load: () => Promise.resolve(saved),
        save: (s) => Promise.resolve(void (saved = s)),
        clear: () => Promise.resolve(void (saved = undefined)),
      },
      pollMs: 0,
    });
    // The same groups, interactively, over a fresh copy (different salt: no cache carried over).
    sim.reset();
    let interactiveUsd = 0;
    const fs = new MemoryWorkspaceFs(ROOT, workspace(2));
    for (const group of swept.groups) {
      const result = await runReviewPipeline({
        target: { kind: 'paths', paths: group.paths },
        title: 'bench',
        files: { fs, root: ROOT },
        experts: { load: () => Promise.resolve({ experts, problems: [] }) },
        access: () => Promise.resolve(client),
        settings,
        onEvent: () => {},
        store: { save: () => Promise.resolve() },
      });
      if (result.kind !== 'finished') throw new Error(`interactive review stopped: ${result.message}`);
      interactiveUsd += result.record.cost.usd ?? 0;
    }
    const batchUsd = swept.cost.usd ?? 0;
    const ratio = batchUsd / interactiveUsd;
    return [
      {
        figure: `context groups × experts (requests in the batch)`,
        value: `${swept.groups.length} × ${experts.length}`,
      },
      {
        figure: 'cache reads in the batch (tokens; each group block written once)',
        value: String(swept.usage.cacheReadTokens),
        target: '> 0',
        met: swept.usage.cacheReadTokens > 0,
      },
      { figure: 'billed, batch sweep (USD)', value: batchUsd.toFixed(4) },
      { figure: 'billed, same sweep interactively (USD)', value: interactiveUsd.toFixed(4) },
      { figure: 'batch / interactive billed cost', value: ratio.toFixed(3), target: '<= 0.55', met: ratio <= 0.55 },
    ];
  } finally {
    await sim.close();
  }
}
