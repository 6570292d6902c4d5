// `npm run bench`: every figure is measured side by side in this one run against the local simulator.
// `npm run bench -- gather` (or core, cost, delegate, webview, panel, policy, sweep, extension) runs only the named sections.
// `npm run bench -- --smoke` (or BENCH_SMOKE=1) runs each section once, briefly, so CI notices when the
// benchmark itself breaks; any section that throws makes the run exit non-zero.
import { runCoreBench } from './core.bench';
import { runCostBench } from './cost.bench';
import { runDelegateBench } from './delegate.bench';
import { runExtensionBench } from './extension.bench';
import { runGatherBench } from './gather.bench';
import { runPanelOpenBench } from './panelOpen.bench';
import { runPolicyBench } from './policy.bench';
import { runSweepBench } from './sweep.bench';
import { runWebviewBench } from './webview.bench';
import { printTable, type Row } from './stats';

const smoke = process.argv.includes('--smoke') || process.env['BENCH_SMOKE'] === '1';
const rounds = smoke ? 1 : 5;

const SECTIONS: Array<[name: string, title: string, run: () => Promise<Row[]> | Row[]]> = [
  ['core', `Core (median of ${rounds} rounds, simulator on 127.0.0.1)`, () => runCoreBench(rounds)],
  ['delegate', `Delegation with tool-using sub-agents (median of ${rounds} rounds)`, () => runDelegateBench(rounds)],
  ['cost', `Cost and cache economics (median of ${rounds} rounds, simulator on 127.0.0.1)`, () => runCostBench(rounds)],
  ['webview', 'Review panel (real ReviewPanel, stand-in webview)', () => runWebviewBench(smoke)],
  [
    'panel',
    `From a review command to its panel (median of ${rounds}; real sessions and pipeline, stand-in VS Code)`,
    () => runPanelOpenBench(rounds),
  ],
  [
    'gather',
    `Context gathering (median of ${smoke ? 1 : 3}; in-memory WorkspaceFs unless noted)`,
    () => runGatherBench(smoke),
  ],
  ['policy', `Content policy (median of ${rounds} scans)`, () => runPolicyBench(smoke)],
  ['sweep', 'Batch sweep (same groups and experts, simulator on 127.0.0.1)', () => runSweepBench(smoke)],
  [
    'extension',
    `Extension (median of ${rounds} fresh processes; \`vscode\` replaced by a stand-in)`,
    () => runExtensionBench(rounds),
  ],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (smoke) console.log('Smoke pass: few iterations, figures are indicative only.');
  const failed: string[] = [];
  for (const [name, title, run] of SECTIONS) {
    if (only.length > 0 && !only.includes(name)) continue;
    try {
      printTable(title, await run());
    } catch (err) {
      failed.push(title);
      console.error(`\n${title}: FAILED`);
      console.error(err);
    }
  }
  if (failed.length) {
    console.error(`\n${failed.length} benchmark section(s) failed.`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
