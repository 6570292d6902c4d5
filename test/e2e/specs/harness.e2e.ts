// Checks the harness helpers themselves against a test-only extension (fixtures/harness-probe) that has a
// webview, diagnostics, a notification with buttons, output channels and an editor context-menu entry.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES_DIR, useWorkbench } from '../harness/index.js';

describe('e2e harness helpers (probe extension)', function () {
  const session = useWorkbench({
    name: 'harness',
    installExtensionUnderTest: false,
    extraExtensions: [join(FIXTURES_DIR, 'harness-probe')],
    env: { E2E_PROBE_VALUE: 'from-the-test' },
  });
  const probeLog = (contains: string) => session().workbench.readOutputChannel('Harness Probe', { contains });

  it('passes environment variables to the extension host', async () => {
    await session().workbench.runCommand('Harness Probe: Log environment');
    await probeLog('env E2E_PROBE_VALUE=from-the-test');
    const log = await session().workbench.readOutputChannel('Harness Probe Log', { contains: 'probe log activated' });
    assert.match(log, /\[info\] probe log activated/);
  });

  it('clicks a notification button', async () => {
    const { workbench } = session();
    await workbench.runCommand('Harness Probe: Show notification');
    const n = await workbench.waitForNotification('Probe asks: proceed?');
    assert.deepEqual(n.buttons, ['Proceed', 'Cancel']);
    assert.equal(n.severity, 'warning');
    await workbench.notificationButton('Proceed', { message: 'Probe asks' });
    await probeLog('notification answered: Proceed');
  });

  it('reads the Problems panel with line numbers', async () => {
    const { workbench } = session();
    await workbench.openFile('src/pagination.js');
    await workbench.runCommand('Harness Probe: Report problems');
    const problems = (await workbench.problems({ minCount: 2 })).filter((p) => p.message.startsWith('Probe'));
    await workbench.screenshot('harness-problems');
    assert.deepEqual(
      problems.map(({ file, folder, severity, line, column, message }) => ({
        file,
        folder,
        severity,
        line,
        column,
        message,
      })),
      [
        {
          file: 'pagination.js',
          folder: 'src',
          severity: 'error',
          line: 3,
          column: 1,
          message: 'Probe error on line 3',
        },
        {
          file: 'pagination.js',
          folder: 'src',
          severity: 'warning',
          line: 7,
          column: 3,
          message: 'Probe warning on line 7',
        },
      ],
    );
  });

  it('chooses an editor context-menu entry on a given line', async () => {
    const { workbench } = session();
    await workbench.openFile('src/pagination.js');
    await workbench.rightClickEditorAndChoose('Probe context action', { line: 5 });
    await probeLog('context action on src/pagination.js');
  });

  // Monaco rewrites a line's overlays whenever its decorations change (a language server does so all the time):
  // the point to click is measured in one evaluation, never on an element found in an earlier call.
  it('chooses an editor context-menu entry on a line while the editor keeps re-rendering it', async () => {
    const { workbench } = session();
    const actions = async () =>
      (await workbench.readOutputChannel('Harness Probe')).split('context action on src/pagination.js').length - 1;
    await workbench.openFile('src/pagination.js');
    await workbench.runCommand('Harness Probe: Re-render the editor continuously');
    await probeLog('churning');
    try {
      const before = await actions();
      for (const line of [2, 5, 8, 3, 6, 9, 4, 7]) {
        await workbench.rightClickEditorAndChoose('Probe context action', { line });
      }
      await probeLog(`context action on src/pagination.js (#${before + 8})`);
    } finally {
      await workbench.runCommand('Harness Probe: Stop re-rendering the editor');
    }
  });

  it('reaches into a webview and talks to its extension', async () => {
    const { workbench } = session();
    await workbench.runCommand('Harness Probe: Open webview');
    const frame = await workbench.webviewFrame('Probe Panel');
    assert.equal(await frame.locator('#heading').innerText(), 'Hello from the probe webview');
    await frame.locator('#ping').click();
    await frame.locator('#reply', { hasText: 'pong' }).waitFor();
    await probeLog('webview said: ping');
    await workbench.screenshot('harness-webview');
  });

  it('reloads the window and comes back', async () => {
    const { workbench } = session();
    await workbench.reloadWindow();
    await workbench.runCommand('Harness Probe: Log environment');
    const latest = await workbench.readOutputChannel('Harness Probe', {
      latestOnly: true,
      contains: 'env E2E_PROBE_VALUE',
    });
    assert.doesNotMatch(latest, /notification answered/, 'after a reload the channel starts a new file');
  });
});
