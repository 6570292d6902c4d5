// Where things are. Everything the e2e tier writes stays in git-ignored folders:
// test/e2e/.cache (Node 24, VSIX), test-results/e2e (screenshots, logs) and the OS temp dir (profiles).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(E2E_DIR, '../..');
export const CACHE_DIR = join(E2E_DIR, '.cache');
export const NODE24 = join(CACHE_DIR, 'node24', 'bin', 'node');
export const CODE_SERVER_ENTRY = join(E2E_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const VSCE_BIN = join(E2E_DIR, 'node_modules', '@vscode', 'vsce', 'vsce');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');
export const FIXTURES_DIR = join(E2E_DIR, 'fixtures');
export const SAMPLE_WORKSPACE = join(FIXTURES_DIR, 'sample-workspace');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails with a message that says what to run when test/e2e/setup.sh has not been run. */
export function assertSetupDone(): void {
  const missing = [NODE24, CODE_SERVER_ENTRY, VSCE_BIN, CHROMIUM].filter((p) => !existsSync(p));
  if (missing.length) {
    throw new Error(`e2e tier not set up (missing: ${missing.join(', ')}). Run: bash test/e2e/setup.sh`);
  }
}
