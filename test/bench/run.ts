// `npm run bench`: every figure is measured side by side in this one run against the local simulator.
// `npm run bench -- gather` (or core, webview, extension) runs only the named sections.
import { runCoreBench } from './core.bench';
import { runExtensionBench } from './extension.bench';
import { runGatherBench } from './gather.bench';
import { runPolicyBench } from './policy.bench';
import { runWebviewBench } from './webview.bench';
import { printTable, type Row } from './stats';

const SECTIONS: Array<[name: string, title: string, run: () => Promise<Row[]> | Row[]]> = [
  ['core', 'Core (median of 5 rounds, simulator on 127.0.0.1)', runCoreBench],
  ['webview', 'Review panel (real ReviewPanel, stand-in webview)', runWebviewBench],
  ['gather', 'Context gathering (median of 3; in-memory WorkspaceFs unless noted)', runGatherBench],
  ['policy', 'Content policy (median of 5 scans)', runPolicyBench],
  ['extension', 'Extension (median of 5 fresh processes; `vscode` replaced by a stand-in)', runExtensionBench],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const [name, title, run] of SECTIONS) {
    if (only.length === 0 || only.includes(name)) printTable(title, await run());
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
