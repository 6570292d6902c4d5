// Lint keeps the layers (README, Architecture): type-checked rules for an extension host that must
// not crash, and import boundaries so that the run-anywhere code stays runnable from any shell.
// No formatting rules: Prettier formats the tree (`npm run format`) and `npm test` checks it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';
import { layerRules } from './eslint/layerRules.mjs';

/**
 * The layers of src/, lowest first. A layer may import only layers of lower rank; layers of one rank
 * are siblings that never import each other. Every zone below is generated from this list, and a
 * folder of src/ that is not in it fails lint.
 */
const RANKS = [
  ['core'], // the library: calls, fan-out, streaming, retries, usage and cost
  ['policy'], // what may leave the machine, below every feature
  ['review'], // context, experts, findings, the pipeline
  ['chat', 'delegate'], // both build on the review (its shared block, its findings)
  ['shared'], // the host↔webview protocol: names domain types, imports no domain value
  ['node'], // Node-only adapters the shells share
  ['cli', 'extension'], // the shells: two thin hosts over the same code
];
/** Runs in the browser: imports only src/shared, and nothing imports it. */
const BROWSER = 'webview';
const LAYERS = [...RANKS.flat(), BROWSER];
/** Imported from outside only through their index.ts. */
const DOMAINS = ['core', 'policy', 'review', 'chat', 'delegate'];
const SHELLS = RANKS.at(-1);
/** Code that runs in any host: no `vscode`, no Node built-in (disks, processes, sockets go behind ports). */
const RUN_ANYWHERE = ['core', 'policy', 'review', 'chat', 'delegate', 'shared', BROWSER];

const rankOf = new Map(RANKS.flatMap((tier, rank) => tier.map((layer) => [layer, rank])));
const mayImport = (layer, other) =>
  layer === BROWSER ? other === 'shared' : other !== BROWSER && rankOf.get(other) < rankOf.get(layer);
const src = (folder) => `./src/${folder}`;

/** Why `layer` may not import `other`, and what to do instead. */
function refusal(layer, other) {
  if (layer === 'core') return 'src/core imports nothing of ours: take what it needs as a parameter or an interface.';
  if (layer === BROWSER)
    return 'src/webview runs in the browser and imports only src/shared: move the type or validator into src/shared.';
  if (other === BROWSER) return 'Nothing imports src/webview: it is browser code, bundled on its own.';
  if (layer === 'policy') return 'src/policy imports only src/core: the content policy sits below every feature.';
  if (SHELLS.includes(layer) && SHELLS.includes(other))
    return 'Shells never import each other: move what both need into a domain or src/node.';
  if (layer === 'node' && SHELLS.includes(other)) return 'src/node is shared by the shells and may not import one.';
  if (layer === 'shared')
    return 'src/shared is imported by webviews and may not reach into a host: keep it to types and validators.';
  if (DOMAINS.includes(layer) && !DOMAINS.includes(other))
    return other === 'node'
      ? `src/${layer} runs anywhere: no Node-only adapters. Declare a port in src/${layer} and implement it in src/node.`
      : `src/${layer} runs anywhere: no protocol, shells or webviews. Let the shell pass what it needs in.`;
  if (rankOf.get(layer) === rankOf.get(other))
    return `src/${layer} and src/${other} are siblings and never import each other: move what both need down into a layer below them.`;
  return `src/${layer} may not import src/${other}, which builds on it: move the code down into src/${layer} (or below), or pass it in.`;
}

const never = (layer, other) => ({ target: src(layer), from: src(other), message: refusal(layer, other) });
const throughIndex = (layer, other, alsoAllowed = []) => ({
  target: src(layer),
  from: src(other),
  except: ['./index.ts', ...alsoAllowed],
  message: `src/${layer} may use src/${other} only through its index.ts: export what you need there and import '…/${other}'.`,
});

/** The zones of import/no-restricted-paths; `alsoAllowed` names single domain files some files may import directly. */
export function layerZones(alsoAllowed = {}) {
  return LAYERS.flatMap((layer) =>
    LAYERS.filter((other) => other !== layer).flatMap((other) => {
      if (!mayImport(layer, other)) return [never(layer, other)];
      return DOMAINS.includes(other) ? [throughIndex(layer, other, alsoAllowed[other])] : [];
    }),
  );
}

/**
 * The activation entry imports single files instead of the core's and the review's index: with code
 * splitting, esbuild keeps everything an index re-exports in the chunks activation loads
 * (evanw/esbuild#3704), which took the JavaScript loaded at activation from 17 KB to 480 KB.
 */
const ACTIVATION = {
  // providerSettings.ts names the provider in the status bar, loaded right after activation: it must not
  // bring the SDK along, so it imports the provider choice, environment and header files alone.
  // The key store and the settings schema run at activation too (the key's shape, the review's defaults).
  files: [
    'src/extension/extension.ts',
    'src/extension/logging.ts',
    'src/extension/providerSettings.ts',
    'src/extension/apiKeyCheck.ts',
    'src/extension/settingsSchema.ts',
    'src/review/pipeline/defaultSettings.ts',
  ],
  alsoAllowed: {
    core: [
      './logger.ts',
      './providers/choice.ts',
      './providers/env.ts',
      './providers/customHeaders.ts',
      './keyShape.ts',
      './models.ts',
    ],
    review: ['./pipeline/reviewedCode.ts', './pipeline/defaultSettings.ts'],
  },
};

/** Only the editor shell (and its extension-host tests) may import the editor's API. */
const VSCODE_MESSAGE = 'Only src/extension/ imports vscode: reach the editor through a port the shell implements.';
const NODE_ONLY_MESSAGE =
  'Node-only: code in this layer runs in any host. Put it behind a port and implement that in src/node/.';
const BUILTINS = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))];
const TOP_BUILTINS = BUILTINS.filter((name) => !name.includes('/'));
const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Every Node built-in, with and without `node:`, as no-restricted-imports options. `allow` names the
 * exports of a built-in that stay allowed (pure functions, the same in every host).
 */
function nodeBuiltinsBanned(allow = {}) {
  const paths = BUILTINS.flatMap((name) => [name, `node:${name}`]).map((name) => ({
    name,
    message: NODE_ONLY_MESSAGE,
    ...(allow[name] && { allowImportNames: allow[name] }),
  }));
  // Built-ins that exist only with the prefix (node:test, node:sqlite …) and are not in builtinModules.
  const prefixOnly = { regex: `^node:(?!(${BUILTINS.map(escapeRegex).join('|')})$)`, message: NODE_ONLY_MESSAGE };
  return { paths: [{ name: 'vscode', message: VSCODE_MESSAGE }, ...paths], patterns: [prefixOnly] };
}

/**
 * `node:path`'s `posix` is string arithmetic on forward-slash paths (how the policy compares workspace
 * paths on every OS), not I/O; the Node-hosted run-anywhere layers may use it. Webviews may not: the
 * browser has no node:path.
 */
const PURE_BUILTINS = { path: ['posix'], 'node:path': ['posix'] };

/** Dynamic import() escapes no-restricted-imports, so the same modules are refused as syntax. */
const dynamicImportBans = (nodeOnly) => [
  {
    selector: "ImportExpression[source.type!='Literal']",
    message: 'import() takes a literal module name here, so lint can check where it goes.',
  },
  { selector: "ImportExpression[source.value='vscode']", message: VSCODE_MESSAGE },
  ...(nodeOnly
    ? [
        {
          // A built-in's subpath (fs/promises) starts with its name and a slash.
          selector: `ImportExpression[source.value=/^(node:|(${TOP_BUILTINS.join('|')})([^\\w-]|$))/]`,
          message: NODE_ONLY_MESSAGE,
        },
      ]
    : []),
];
const layerGlob = (layers) => (layers.length === 1 ? `src/${layers[0]}/**/*.ts` : `src/{${layers.join(',')}}/**/*.ts`);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-test/**',
      'node_modules/**',
      // Sample code the experts review in tests (deliberately buggy), not project code.
      'test/fixtures/**',
      // The evaluation corpus: code with deliberately seeded bugs that `npm run eval` has the experts review.
      'test/eval/corpus/**',
      // The browser tier has its own install (test/e2e/setup.sh) that `npm test` runs before; its
      // types are not there when lint runs, and its own tsc check covers it.
      'test/e2e/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Its type facts come from TypeScript 6 (typescript-eslint cannot load the TS 7 checker yet), which
      // narrows differently: it calls assertions "unnecessary" that TS 7 requires.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Unused bindings are a type-check error already (noUnusedLocals); `_`-prefixed ones are deliberate.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { import: importPlugin, layers: layerRules },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.mjs'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones: layerZones() }],
      'layers/known-layer': ['error', { layers: LAYERS }],
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: VSCODE_MESSAGE }] }],
      'no-restricted-syntax': ['error', ...dynamicImportBans(false)],
    },
  },
  {
    files: ACTIVATION.files,
    rules: { 'import/no-restricted-paths': ['error', { zones: layerZones(ACTIVATION.alsoAllowed) }] },
  },
  {
    files: [layerGlob(RUN_ANYWHERE)],
    rules: {
      'no-restricted-imports': ['error', nodeBuiltinsBanned(PURE_BUILTINS)],
      'no-restricted-syntax': ['error', ...dynamicImportBans(true)],
    },
  },
  {
    files: [layerGlob(['shared', BROWSER])],
    rules: { 'no-restricted-imports': ['error', nodeBuiltinsBanned()] },
  },
  {
    files: [layerGlob(['shared'])],
    rules: {
      'layers/type-only-imports': [
        'error',
        {
          why: 'A value import would put that layer, and the SDK behind it, into every webview bundle: move the value into src/shared, or let the host compute it and send it in a message.',
        },
      ],
    },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-syntax': 'off' }, // the editor shell is where vscode belongs
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests reach into fixtures and simulator logs they built themselves; asserting on them is the test.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
