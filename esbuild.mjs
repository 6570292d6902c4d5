// Builds the extension host bundle (Node, CommonJS, `vscode` external) and the webview
// scripts (browser IIFE) in one pass. Flags: --production (minify, no sourcemaps, split the host
// bundle into lazily loaded chunks), --watch.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

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

/**
 * The features `extension.ts` imports on first use. In a production build each becomes its own file
 * (dist/review.js, dist/chat.js, dist/delegate.js, dist/editorChat.js) and what they share goes to dist/chunks/, so
 * activation loads dist/extension.js alone, not the SDK or yaml.
 */
const LAZY_FEATURES = {
  review: 'src/extension/review/reviewController.ts',
  chat: 'src/extension/chat/chatViewProvider.ts',
  delegate: 'src/extension/delegate/delegateCommand.ts',
  editorChat: 'src/extension/editorChat/editorChatFeature.ts',
  sweep: 'src/extension/sweep/sweepWorkspace.ts',
};

/**
 * The Bedrock and Vertex SDKs import every API resource of @anthropic-ai/sdk (`resources/index`), and
 * build `Beta` for each client. esbuild assigns a file to chunks by every import that reaches it, and
 * the core's own client file imports those resources too (unused there): so the resources the cloud SDKs
 * use would land in a chunk every review loads (+230 KB). Here the cloud SDKs get their own instances of
 * the resource and helper modules (resources/, lib/, helpers/, tools/, in a separate namespace), while the
 * SDK's core (errors, the base client, internals) stays one shared copy, so the core's `instanceof`
 * checks hold for every provider.
 */
const RESOURCES = /[\\/]@anthropic-ai[\\/]sdk[\\/](resources|lib|helpers|tools)[\\/]/;
const CLOUD_SDK = /[\\/]@anthropic-ai[\\/](bedrock|vertex)-sdk[\\/]/;
const providerResourcesPlugin = {
  name: 'provider-sdk-resources',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const fromCloud = args.namespace === 'cloud-sdk-resources' || CLOUD_SDK.test(args.importer);
      if (!fromCloud || args.kind === 'entry-point') return undefined;
      const resolved = await build.resolve(args.path, {
        importer: args.importer,
        resolveDir: args.resolveDir,
        kind: args.kind,
        pluginData: { resolving: true },
      });
      if (resolved.errors.length || !RESOURCES.test(resolved.path)) {
        // Outside the resources (the SDK's core, other packages): the ordinary, shared module.
        return args.namespace === 'cloud-sdk-resources' ? resolved : undefined;
      }
      return { path: resolved.path, namespace: 'cloud-sdk-resources' };
    });
    build.onLoad({ filter: /.*/, namespace: 'cloud-sdk-resources' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

const hostBuild = {
  ...common,
  entryPoints: ['src/extension/extension.ts'],
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
};

/**
 * esbuild splits code only in ESM output, and the extension host loads CommonJS: so build split
 * ESM in memory, then convert each file to CommonJS, where `import()` of a chunk becomes `require`.
 */
async function buildSplitHost() {
  const { outfile: _outfile, entryPoints, ...options } = hostBuild;
  const result = await esbuild.build({
    ...options,
    entryPoints: { extension: entryPoints[0], ...LAZY_FEATURES },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    plugins: [...(options.plugins ?? []), providerResourcesPlugin],
    format: 'esm',
    write: false,
  });
  await Promise.all(
    result.outputFiles.map(async (file) => {
      const { code } = await esbuild.transform(file.text, {
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        minify: production,
        supported: { 'dynamic-import': false },
        logLevel: 'warning',
      });
      mkdirSync(dirname(file.path), { recursive: true });
      writeFileSync(file.path, code);
    }),
  );
}

/** The command line: one Node bundle with a shebang (from src/cli/main.ts), run by `npx claude-multi-agent`. */
const cliBuild = {
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  define: { CLAUDE_MULTI_AGENT_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
};

const builds = [
  cliBuild,
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
  // One host bundle with source maps while developing.
  const contexts = await Promise.all([hostBuild, ...builds].map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all([production ? buildSplitHost() : esbuild.build(hostBuild), ...builds.map((b) => esbuild.build(b))]);
}
