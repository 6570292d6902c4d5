// `npm run bench`: every figure is measured side by side in this one run against the local simulator.
import { runCoreBench } from './core.bench';
import { runExtensionBench } from './extension.bench';
import { runPolicyBench } from './policy.bench';
import { runWebviewBench } from './webview.bench';
import { printTable } from './stats';

async function main(): Promise<void> {
  printTable('Core (median of 5 rounds, simulator on 127.0.0.1)', await runCoreBench());
  printTable('Review panel (real ReviewPanel, stand-in webview)', await runWebviewBench());
  printTable('Content policy (median of 5 scans)', await runPolicyBench());
  printTable('Extension (median of 5 fresh processes; `vscode` replaced by a stand-in)', runExtensionBench());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
