import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { median, type Row } from './stats';

const ROOT = join(__dirname, '../..');

/** Activation in a fresh plain-Node process each time (no TypeScript loader, no warm module cache). */
function activationMs(probe: string): { activate: number; firstReview: number } {
  const out = execFileSync(process.execPath, [probe, join(ROOT, 'dist/extension.js')], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { activate: number; firstReview: number };
}

export function runExtensionBench(): Row[] {
  execFileSync('node', ['esbuild.mjs', '--production'], { cwd: ROOT });
  const bundle = statSync(join(ROOT, 'dist/extension.js')).size;
  const probe = join(mkdtempSync(join(tmpdir(), 'cma-bench-')), 'activationProbe.cjs');
  buildSync({ entryPoints: [join(__dirname, 'activationProbe.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: probe });
  const samples = Array.from({ length: 5 }, () => activationMs(probe));
  const activate = median(samples.map((s) => s.activate));
  const review = median(samples.map((s) => s.firstReview));
  return [
    { figure: 'extension bundle (production, KB)', value: (bundle / 1024).toFixed(0), target: '< 1024', met: bundle < 1024 * 1024 },
    { figure: 'activation: load bundle + activate (ms)', value: activate.toFixed(1) },
    { figure: 'first review command: load review feature (ms)', value: review.toFixed(1) },
    { figure: 'activation / (activation + review feature)', value: (activate / (activate + review)).toFixed(2) },
  ];
}
