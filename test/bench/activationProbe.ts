// Run in a fresh process by extension.bench.ts: times loading and activating the production bundle,
// then loading the lazily imported review feature, against the benchmark's stand-in for `vscode`.
import { join } from 'node:path';
import { fakeContext, installFakeVscode } from './fakeVscode';

async function main(): Promise<void> {
  installFakeVscode();
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ext = require(process.argv[2] ?? join(__dirname, '../../dist/extension.js')) as { activate(c: unknown): { review(): Promise<unknown> } };
  const api = ext.activate(fakeContext());
  const t1 = performance.now();
  await api.review();
  const t2 = performance.now();
  console.log(JSON.stringify({ activate: t1 - t0, firstReview: t2 - t1 }));
}

void main();
