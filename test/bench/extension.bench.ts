import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import type { ProbeResult } from './activationProbe';
import { providerChunkSizes } from './providerChunks';
import { median, type Row } from './stats';

const ROOT = join(__dirname, '../..');
const DIST = join(ROOT, 'dist');
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);

/** Activation in a fresh plain-Node process each time (no TypeScript loader, no warm module cache). */
function probeOnce(probe: string): ProbeResult {
  const out = execFileSync(process.execPath, [probe, join(DIST, 'extension.js')], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').at(-1)!) as ProbeResult;
}

const jsFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.js'));
const sizeOf = (file: string): number => statSync(file).size;

export function runExtensionBench(samples: number): Row[] {
  execFileSync('node', ['esbuild.mjs', '--production'], { cwd: ROOT });
  const probe = join(mkdtempSync(join(tmpdir(), 'cma-bench-')), 'activationProbe.cjs');
  buildSync({
    entryPoints: [join(__dirname, 'activationProbe.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: probe,
    logLevel: 'error',
  });
  const results = Array.from({ length: samples }, () => probeOnce(probe));
  const load = median(results.map((r) => r.loadMs));
  const activate = median(results.map((r) => r.activateMs));
  const review = median(results.map((r) => r.firstReviewMs));
  const activationBytes = results[0]!.activationBytes;
  const reviewBytes = results[0]!.reviewBytes;
  // dist/cli.js is the command line's own bundle: not loaded by the extension host, not in the VSIX.
  const hostFiles = [
    ...jsFiles(DIST).filter((f) => f !== 'cli.js'),
    ...jsFiles(join(DIST, 'chunks')).map((f) => `chunks/${f}`),
  ];
  const allHost = hostFiles.reduce((sum, f) => sum + sizeOf(join(DIST, f)), 0);
  const chunks = hostFiles.filter((f) => f.startsWith('chunks/'));
  const providers = providerChunkSizes(DIST);
  return [
    { figure: 'activation file dist/extension.js (KB)', value: kb(sizeOf(join(DIST, 'extension.js'))) },
    {
      figure: 'JavaScript loaded by activation (KB)',
      value: kb(activationBytes),
      target: '< 150',
      met: activationBytes < 150 * 1024,
    },
    { figure: 'load dist/extension.js, fresh process (ms)', value: load.toFixed(1), target: '< 20', met: load < 20 },
    { figure: 'activate() (ms)', value: activate.toFixed(1) },
    { figure: 'first review command: load review feature (ms)', value: review.toFixed(1) },
    { figure: 'JavaScript loaded by the first review (KB)', value: kb(reviewBytes) },
    ...['review', 'chat', 'delegate', 'editorChat'].map((name) => ({
      figure: `lazy chunk dist/${name}.js (KB)`,
      value: kb(sizeOf(join(DIST, `${name}.js`))),
    })),
    {
      figure: `shared chunks dist/chunks/ (${chunks.length} files, KB)`,
      value: kb(chunks.reduce((sum, f) => sum + sizeOf(join(DIST, f)), 0)),
    },
    {
      figure: 'extension-host JavaScript the Anthropic API path can load (KB)',
      value: kb(providers.anthropicPathBytes),
      target: '< 1024',
      met: providers.anthropicPathBytes < 1024 * 1024,
    },
    ...(['bedrock', 'vertex', 'proxy'] as const).map((name) => ({
      figure: `lazy ${name === 'proxy' ? 'proxy/CA transport (undici)' : `${name} provider`} chunks, loaded only when chosen (${providers.files[name]} files, KB)`,
      value: kb(providers.bytes[name]),
    })),
    { figure: 'all extension-host JavaScript, providers included (KB)', value: kb(allHost) },
    { figure: 'command-line bundle dist/cli.js (KB, not in the VSIX)', value: kb(sizeOf(join(DIST, 'cli.js'))) },
    ...jsFiles(join(DIST, 'webview')).map((f) => ({
      figure: `webview bundle dist/webview/${f} (KB)`,
      value: kb(sizeOf(join(DIST, 'webview', f))),
    })),
  ];
}
