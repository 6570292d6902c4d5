// Builds the extension host bundle (Node, CommonJS, `vscode` external) and the webview
// scripts (browser IIFE) in one pass. Flags: --production (minify, no sourcemaps), --watch.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const production = process.argv.includes('--production');
/** --tests builds the extension-host test suite into dist-test/ instead. */
const tests = process.argv.includes('--tests');
const watch = process.argv.includes('--watch');

/** Reports build results in the format VS Code's esbuild problem matcher understands. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemMatcherPlugin] : [],
};

// A fresh dist/ so no stale bundle or source map is packaged.
if (!watch) rmSync(tests ? 'dist-test' : 'dist', { recursive: true, force: true });

const webviewEntries = readdirSync('src/webview')
  .filter((f) => /^[a-z]+Main\.ts$/.test(f))
  .map((f) => `src/webview/${f}`);

const builds = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  ...(webviewEntries.length
    ? [
        {
          ...common,
          entryPoints: webviewEntries,
          outdir: 'dist/webview',
          platform: 'browser',
          format: 'iife',
          target: 'es2022',
        },
      ]
    : []),
];

const testBuilds = [
  {
    ...common,
    entryPoints: ['test/vscode/index.ts', 'test/vscode/runTest.ts'],
    outdir: 'dist-test/vscode',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', '@vscode/test-electron'],
  },
];

if (tests) {
  await Promise.all(testBuilds.map((b) => esbuild.build(b)));
} else if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
