// Mocha config for the browser end-to-end tier. Paths are absolute (from this file), so it works from any cwd:
//   npx mocha --config test/e2e/.mocharc.cjs        (from the repository root, after bash test/e2e/setup.sh)
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..', '..');

module.exports = {
  // Mocha merges the root package.json's "mocha" block into any config (only the CLI flag --no-package stops
  // that), and would add its unit-test spec to ours: leave those files out.
  ignore: ['test/unit/**', path.join(root, 'test', 'unit', '**')],
  // E2E_SPEC: one spec file, or several separated by commas.
  spec: process.env.E2E_SPEC ? process.env.E2E_SPEC.split(',') : [path.join(__dirname, 'specs', '**', '*.e2e.ts')],
  extension: ['ts'],
  'node-option': [`import=${pathToFileURL(path.join(root, 'test', 'support', 'register-ts.mjs')).href}`],
  // Hooks start code-server and Chromium; each step inside the harness has its own, shorter bound.
  timeout: 300000,
  slow: 60000,
  reporter: 'spec',
  'forbid-only': Boolean(process.env.CI),
};
