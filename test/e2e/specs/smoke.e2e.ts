// Smoke test of the browser tier: the packaged extension in code-server, driven through Chromium.
import assert from 'node:assert/strict';
import { useWorkbench } from '../harness/index.js';

describe('e2e smoke: the packaged extension in code-server', function () {
  const session = useWorkbench({
    name: 'smoke',
    settings: { 'claudeMultiAgent.baseUrl': 'http://127.0.0.1:9' },
    env: { ANTHROPIC_API_KEY: 'e2e-dummy-key' },
  });

  it('opens the fixture workspace', async () => {
    const { workbench } = session();
    assert.match(await workbench.page.title(), /sample-workspace/);
    await workbench.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'src' }).first().waitFor();
    await workbench.screenshot('smoke-1-workbench');
  });

  it('opens a file from the workspace', async () => {
    const { workbench } = session();
    await workbench.openFile('src/orders.ts');
    assert.match(await workbench.visibleEditorText(), /export async function ordersFor/);
    await workbench.screenshot('smoke-2-file-open');
  });

  it('lists the extension’s commands in the command palette', async () => {
    const { workbench } = session();
    const entries = await workbench.commandPaletteEntries('Claude Multi-Agent');
    assert.ok(entries.includes('Claude Multi-Agent: Set Anthropic API key'), `palette lists: ${entries.join(' | ')}`);
    assert.ok(entries.includes('Claude Multi-Agent: Multi-expert review'), `palette lists: ${entries.join(' | ')}`);
    // Hidden from the palette by the manifest's `when: false`.
    assert.ok(!entries.some((e) => e.includes('Apply suggested fix')), `palette lists: ${entries.join(' | ')}`);
  });

  it('runs "Set Anthropic API key", which asks for the key in an input box', async () => {
    const { workbench } = session();
    await workbench.runCommand('Claude Multi-Agent: Set Anthropic API key');
    const box = await workbench.waitForQuickInput();
    assert.match(`${box.placeholder} ${box.message} ${box.title}`, /API key/i);
    assert.equal(await workbench.quickInputBox.getAttribute('type'), 'password');
    await workbench.screenshot('smoke-3-api-key-input');
    await workbench.press('Escape');
    await workbench.quickInput.waitFor({ state: 'hidden' });
  });

  it('offers "Multi-expert review" in the editor context menu', async () => {
    const { workbench } = session();
    await workbench.openFile('src/orders.ts');
    const at = await workbench.waitForEditor('orders.ts');
    await workbench.page.mouse.click(at.x, at.y, { button: 'right' });
    await workbench.page.locator('.context-view .monaco-menu').first().waitFor();
    const items = await workbench.contextMenuItems();
    await workbench.screenshot('smoke-4-context-menu');
    await workbench.press('Escape');
    assert.ok(items.includes('Multi-expert review'), `context menu: ${items.join(' | ')}`);
  });
});
