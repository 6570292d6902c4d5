// Google Vertex AI chosen in the user settings (and shown so by the Settings editor), then a review: every request goes to the simulator's
// Vertex shape (streamRawPredict, a bearer token that Application Default Credentials fetched from the
// GCE metadata emulation), the experts' shared block is written once and read by the others, and the
// provider is named in the status bar and in the review panel.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { changeUserSettings, useWorkbench, type Workbench } from '../harness/index.js';
import { simulatorControl } from '../harness/simulatorControl.js';

const FILE = 'src/inventory.ts';
// Enough code for the shared block to pass the minimum cacheable length.
const SOURCE = Array.from(
  { length: 140 },
  (_, i) => `export function restock${i}(level: number): number {\n  return level < ${i} ? ${i * 2} - level : 0;\n}`,
).join('\n');
const EXPERTS = BUILTIN_EXPERTS.map((e) => e.id);

/**
 * Chooses the provider in the user settings file, the file the Settings editor writes, as a person editing
 * settings.json would (changeUserSettings, which reloads the window so the extension host reads it for
 * sure). (The Settings editor's drop-down proved unreliable to drive: its option list closes under a
 * pointer click and its change event fired only sometimes.) Chosen once the status bar names the provider.
 */
async function chooseProvider(wb: Workbench, value: string, statusText: string): Promise<void> {
  await changeUserSettings(wb, { 'claudeMultiAgent.provider': value });
  await wb.step(`the status bar to name ${statusText} after choosing "${value}"`, 30_000, () =>
    wb.page.locator('.statusbar-item', { hasText: statusText }).first().waitFor({ timeout: 29_000 }),
  );
}

/** The Settings editor shows the setting with the chosen value among its options. */
async function settingsEditorShows(wb: Workbench, value: string): Promise<void> {
  await wb.runCommand('Preferences: Open User Settings');
  const page = wb.page;
  await wb.step(`the Settings editor to show the provider setting as "${value}"`, 30_000, async () => {
    const search = page.locator('.settings-editor .settings-header .suggest-input-container .monaco-editor').first();
    await search.click();
    await page.keyboard.type('claudeMultiAgent.provider');
    const select = page.locator('.setting-item', { hasText: 'Where requests go' }).first().locator('select').first();
    await select.waitFor();
    // The choices by their labels (enumItemLabels), in the manifest's order.
    assert.deepEqual(await select.locator('option').allTextContents(), [
      'Anthropic API (or a gateway)',
      'Amazon Bedrock',
      'Google Vertex AI',
    ]);
    // The editor renders the value it read from the file; wait for that state, not for time.
    const element = await select.elementHandle();
    const index = ['anthropic', 'bedrock', 'vertex'].indexOf(value);
    await page.waitForFunction(({ el, i }) => (el as HTMLSelectElement | null)?.selectedIndex === i, {
      el: element,
      i: index,
    });
  });
}

describe('providers: Google Vertex AI chosen in the settings', function () {
  const session = useWorkbench({
    name: 'providers',
    simulator: { args: ['--control', 'on'] },
    settings: {
      'claudeMultiAgent.vertex.region': 'global',
      'claudeMultiAgent.vertex.projectId': 'e2e-project',
      // The Settings editor as an ordinary editor: opened as a modal (the default, "some"), it keeps the command
      // palette from opening until it is closed by hand.
      'workbench.editor.useModal': 'off',
    },
    // Vertex at the simulator, and Application Default Credentials from its GCE metadata emulation.
    simulatorEnv: (url) => ({ ANTHROPIC_VERTEX_BASE_URL: `${url}/v1`, GCE_METADATA_HOST: new URL(url).host }),
  });

  it('reviews through Vertex: one cache write and the rest reads, the provider named in the status bar and the panel', async () => {
    const { workbench: wb, profile } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    writeFileSync(join(profile.workspace, FILE), `${SOURCE}\n`);

    await chooseProvider(wb, 'vertex', 'Google Vertex AI (global');
    await settingsEditorShows(wb, 'vertex');
    await wb.screenshot('providers-1-vertex-chosen');

    await wb.runCommand('View: Close All Editors');
    await wb.page.locator('.settings-editor').first().waitFor({ state: 'hidden' });
    await wb.openFile(FILE);
    await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
    const frame = await wb.webviewFrame(`Review: ${FILE}`);
    const badge = frame.getByTestId('provider-badge');
    await badge.waitFor();
    assert.match(await badge.innerText(), /^via Google Vertex AI \(global via 127\.0\.0\.1:\d+\)$/);
    await wb.step('the review to finish', 90_000, () =>
      frame.locator('[data-testid="run-status"][data-outcome="completed"]').waitFor({ timeout: 89_000 }),
    );
    await wb.screenshot('providers-2-reviewed-through-vertex');

    const { log } = await sim.waitForIdle(EXPERTS.length + 1);
    assert.equal(log.length, EXPERTS.length + 1, 'every expert and the synthesis');
    for (const e of log) {
      assert.equal(e.cloud?.provider, 'vertex', JSON.stringify(e.cloud));
      assert.match(
        e.cloud!.path,
        /^\/v1\/projects\/e2e-project\/locations\/global\/publishers\/anthropic\/models\/[^/]+:streamRawPredict$/,
      );
      assert.equal(e.cloud!.auth, 'bearer');
    }
    const experts = log.slice(0, EXPERTS.length);
    assert.equal(experts.filter((e) => e.usage.cache_creation_input_tokens > 0).length, 1, 'one cache write');
    assert.equal(
      experts.filter((e) => e.usage.cache_read_input_tokens > 0).length,
      EXPERTS.length - 1,
      'the other experts read it',
    );
  });
});
