// `npm run test:vscode`: runs the extension-host suite in a real VS Code through @vscode/test-electron.
// Uses VSCODE_EXECUTABLE_PATH when given (offline machines), otherwise downloads VS Code.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const workspace = mkdtempSync(join(tmpdir(), 'cma-host-'));
  cpSync(join(root, 'test/fixtures/review/demo-app'), workspace, { recursive: true });
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist-test/vscode/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    ...(process.env['VSCODE_EXECUTABLE_PATH'] && { vscodeExecutablePath: process.env['VSCODE_EXECUTABLE_PATH'] }),
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
