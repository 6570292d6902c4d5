// `npm run bench`: every figure is measured side by side in this one run against the local simulator.
// `npm run bench -- --smoke` (or BENCH_SMOKE=1) runs each section once, briefly, so CI notices when the
// benchmark itself breaks; any section that throws makes the run exit non-zero.
import { runCoreBench } from './core.bench';
import { runExtensionBench } from './extension.bench';
import { runWebviewBench } from './webview.bench';
import { printTable, type Row } from './stats';

const smoke = process.argv.includes('--smoke') || process.env['BENCH_SMOKE'] === '1';

const sections: Array<[title: string, run: () => Promise<Row[]> | Row[]]> = [
  [`Core (median of ${smoke ? 1 : 5} rounds, simulator on 127.0.0.1)`, () => runCoreBench(smoke ? 1 : 5)],
  ['Review panel (real ReviewPanel, stand-in webview)', () => runWebviewBench(smoke)],
  [`Extension (median of ${smoke ? 1 : 5} fresh processes; \`vscode\` replaced by a stand-in)`, () => runExtensionBench(smoke ? 1 : 5)],
];

async function main(): Promise<void> {
  if (smoke) console.log('Smoke pass: few iterations, figures are indicative only.');
  const failed: string[] = [];
  for (const [title, run] of sections) {
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
