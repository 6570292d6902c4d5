// Lint keeps the layers (README, Architecture): type-checked rules for an extension host that must
// not crash, and import boundaries so that the run-anywhere code stays runnable from any shell.
// No formatting rules: Prettier formats the tree (`npm run format`) and `npm test` checks it.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

/** Run-anywhere domains: they import `core` and each other only through each one's index.ts. */
const DOMAINS = ['review', 'chat', 'delegate', 'policy'];
/** Shells: each wires the same domains to one host; they never import each other. */
const SHELLS = ['extension', 'cli'];
const src = (folder) => `./src/${folder}`;

const throughIndex = (target, from) => ({
  target: src(target),
  from: src(from),
  except: ['./index.ts'],
  message: `src/${target} may use src/${from} only through its index.ts.`,
});
const never = (target, from, why) => ({ target: src(target), from: from.map(src), message: why });

/** The layer rules, as zones of import/no-restricted-paths (paths are resolved, not matched as text). */
export const LAYER_ZONES = [
  never(
    'core',
    ['review', 'chat', 'delegate', 'policy', 'node', 'shared', 'extension', 'cli', 'webview'],
    'src/core imports nothing of ours.',
  ),
  never('policy', ['review', 'chat', 'delegate'], 'src/policy imports only src/core.'),
  ...DOMAINS.flatMap((d) => [
    throughIndex(d, 'core'),
    ...DOMAINS.filter((other) => other !== d).map((other) => throughIndex(d, other)),
    never(
      d,
      ['node', 'shared', 'extension', 'cli', 'webview'],
      `src/${d} runs anywhere: no Node-only adapters, protocol, shells or webviews.`,
    ),
  ]),
  // Node adapters serve every shell, so they may not depend on one.
  never('node', ['extension', 'cli', 'webview'], 'src/node is shared by the shells and may not import one.'),
  ...DOMAINS.map((d) => throughIndex('node', d)),
  throughIndex('node', 'core'),
  // The protocol is types and validators both sides share; it may name domain types.
  never(
    'shared',
    ['node', 'extension', 'cli', 'webview'],
    'src/shared is imported by webviews and may not reach into a host.',
  ),
  ...SHELLS.flatMap((s) =>
    SHELLS.filter((other) => other !== s).map((other) => never(s, [other], 'Shells never import each other.')),
  ),
  never(
    'webview',
    ['core', 'review', 'chat', 'delegate', 'policy', 'node', 'extension', 'cli'],
    'src/webview runs in the browser and imports only src/shared.',
  ),
];

/** Only the editor shell (and its extension-host tests) may import the editor's API. */
const VSCODE = { name: 'vscode', message: 'Only src/extension/ imports vscode.' };
/** Code that runs anywhere reaches disks and processes only through ports that src/node/ implements. */
const NODE_ONLY = ['fs', 'fs/promises', 'child_process', 'node:fs', 'node:fs/promises', 'node:child_process'].map(
  (name) => ({
    name,
    message: 'Node-only: put it behind a port and implement that in src/node/.',
  }),
);

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
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.mjs'] } } },
    rules: {
      'import/no-restricted-paths': ['error', { zones: LAYER_ZONES }],
      'no-restricted-imports': ['error', { paths: [VSCODE] }],
    },
  },
  {
    files: ['src/{core,review,chat,delegate,policy,shared,webview}/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [VSCODE, ...NODE_ONLY] }] },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' }, // the editor shell is where vscode belongs
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
