// `npm run bench`: every figure is measured side by side in this one run against the local simulator.
import { runCoreBench } from './core.bench';
import { printTable } from './stats';

async function main(): Promise<void> {
  printTable('Core (median of 5 rounds, simulator on 127.0.0.1)', await runCoreBench());
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
