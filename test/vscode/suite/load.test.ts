import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import type { Simulator } from '../../support/simulator';
import { simulatorForExtension, workspaceUri } from './harness';

/** A full garbage collection, so heap figures compare live memory rather than garbage not yet collected. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

describe('extension host: load', () => {
  let sim: Simulator;
  const config = () => vscode.workspace.getConfiguration('claudeMultiAgent');

  before(async () => {
    sim = await simulatorForExtension();
    await config().update('maxConcurrency', 10, vscode.ConfigurationTarget.Global);
    // Six experts of the user's own, next to the four built-ins: ten per review.
    const own = Array.from({ length: 6 }, (_, i) => ({
      name: `Load expert ${i + 1}`,
      instructions: 'Review the code for anything worth fixing.',
    }));
    await config().update('experts', own, vscode.ConfigurationTarget.Global);
    await config().update('synthesis', false, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    for (const key of ['maxConcurrency', 'experts', 'synthesis'])
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sim.close();
  });

  it('twenty reviews queued at once, ten experts each at 200 tokens/s: responsive, within maxConcurrency, memory back', async function () {
    this.timeout(240_000);
    sim.configure({ tokensPerSecond: 200 });
    const uri = workspaceUri('src/db.js');
    await vscode.commands.executeCommand('claudeMultiAgent.review', uri); // loads everything once
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    sim.reset();
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;

    let finished = false;
    const runs = Promise.all(
      Array.from({ length: 20 }, () => vscode.commands.executeCommand('claudeMultiAgent.review', uri)),
    ).finally(() => (finished = true));
    const latencies: number[] = [];
    while (!finished) {
      const t0 = performance.now();
      await vscode.commands.executeCommand('claudeMultiAgent.clearFindings');
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 100));
    }
    await runs;

    assert.equal(sim.log.length, 200, 'every expert of every review ran');
    assert.ok(sim.maxConcurrent <= 10, `at most 10 requests at once (saw ${sim.maxConcurrent})`);
    assert.ok(latencies.length > 10);
    assert.ok(
      percentile(latencies, 95) < 100,
      `95th percentile command latency ${percentile(latencies, 95).toFixed(1)} ms (max ${Math.max(...latencies).toFixed(1)})`,
    );

    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((r) => setTimeout(r, 2000));
    collectGarbage();
    const grown = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    const figures = `load: ${sim.log.length} requests, peak ${sim.maxConcurrent} at once; command latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} samples; heap ${grown >= 0 ? '+' : ''}${grown.toFixed(1)} MiB`;
    if (process.env['CMA_HOST_TEST_LOG']) appendFileSync(process.env['CMA_HOST_TEST_LOG'], `  ${figures}\n`);
    assert.ok(grown < 24, `heap grew by ${grown.toFixed(1)} MiB after the runs`);
  });
});
