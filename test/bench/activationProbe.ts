// Run in a fresh process by extension.bench.ts: times loading and activating the production bundle,
// then loading each lazily imported feature, against the benchmark's stand-in for `vscode`; reports
// how much of dist/ each step actually loaded (require.cache says which files ran).
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fakeContext, installFakeVscode } from './fakeVscode';

export interface ProbeResult {
  /** require() of dist/extension.js */
  loadMs: number;
  activateMs: number;
  /** Bytes of dist/ JavaScript loaded by require + activate. */
  activationBytes: number;
  firstReviewMs: number;
  /** Bytes of dist/ JavaScript the first review command added. */
  reviewBytes: number;
}

const bundle = process.argv[2] ?? join(__dirname, '../../dist/extension.js');
const dist = dirname(bundle);
const seen = new Set<string>();

/** Size of the dist/ files loaded since the last call. */
function newlyLoadedBytes(): number {
  let bytes = 0;
  for (const file of Object.keys(require.cache)) {
    if (!file.startsWith(dist) || seen.has(file)) continue;
    seen.add(file);
    bytes += statSync(file).size;
  }
  return bytes;
}

async function main(): Promise<void> {
  installFakeVscode();
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(bundle) as { activate(c: unknown): { review(): Promise<unknown> } };
  const t1 = performance.now();
  const api = ext.activate(fakeContext());
  const t2 = performance.now();
  const activationBytes = newlyLoadedBytes();
  await api.review();
  const t3 = performance.now();
  const result: ProbeResult = {
    loadMs: t1 - t0,
    activateMs: t2 - t1,
    activationBytes,
    firstReviewMs: t3 - t2,
    reviewBytes: newlyLoadedBytes(),
  };
  console.log(JSON.stringify(result));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
