// Google Vertex AI chosen in the Settings editor, then a review: every request goes to the simulator's
// Vertex shape (streamRawPredict, a bearer token that Application Default Credentials fetched from the
// GCE metadata emulation), the experts' shared block is written once and read by the others, and the
// provider is named in the status bar and in the review panel.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { useWorkbench, type Workbench } from '../harness/index.js';
import { simulatorControl } from '../harness/simulatorControl.js';

const FILE = 'src/inventory.ts';
// Enough code for the shared block to pass the minimum cacheable length.
const SOURCE = Array.from(
  { length: 140 },
  (_, i) => `export function restock${i}(level: number): number {\n  return level < ${i} ? ${i * 2} - level : 0;\n}`,
).join('\n');
const EXPERTS = BUILTIN_EXPERTS.map((e) => e.id);

async function chooseProviderInSettings(wb: Workbench, value: string, statusText: string): Promise<void> {
  // The Settings editor opens with the focus in its search box.
  await wb.runCommand('Preferences: Open User Settings');
  const page = wb.page;
  const row = page.locator('.setting-item', { hasText: 'Where requests go' }).first();
  await wb.step('the Settings editor to find the provider setting', 30_000, async () => {
    await page.locator('.settings-header').first().waitFor();
    await page.keyboard.type('claudeMultiAgent.provider');
    await row.waitFor();
  });
  // Chosen once the status bar names the provider (it follows the setting).
  const chosen = () =>
    page
      .locator('.statusbar-item', { hasText: statusText })
      .first()
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
  await wb.step(`choosing "${value}" in the provider setting`, 45_000, async () => {
    const select = row.locator('select').first();
    const options = await select.locator('option').allTextContents();
    const from = options.indexOf(await select.inputValue());
    // The drop-down is a <select> under VS Code's own list: picking the option fires its change event.
    await select.selectOption(value);
    if (await chosen()) return;
    // Otherwise by keyboard, as a person would: open the list on the current value, move, pick.
    await select.click();
    for (let i = from; i < options.indexOf(value); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    if (!(await chosen())) throw new Error(`the status bar does not name ${statusText} after choosing ${value}`);
  });
  // The Settings editor may open as a modal over the workbench: close it (Escape clears the search, then closes).
  await wb.step('the Settings editor to close', 20_000, async () => {
    const editor = page.locator('.settings-editor').first();
    for (let i = 0; i < 3 && (await editor.isVisible()); i++) {
      await page.keyboard.press('Escape');
      await editor.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
    if (await editor.isVisible()) await page.locator('.codicon-close').first().click();
    await editor.waitFor({ state: 'hidden' });
  });
}

describe('providers: Google Vertex AI chosen in the settings', function () {
  const session = useWorkbench({
    name: 'providers',
    simulator: { args: ['--control', 'on'] },
    settings: { 'claudeMultiAgent.vertex.region': 'global', 'claudeMultiAgent.vertex.projectId': 'e2e-project' },
    // Vertex at the simulator, and Application Default Credentials from its GCE metadata emulation.
    simulatorEnv: (url) => ({ ANTHROPIC_VERTEX_BASE_URL: `${url}/v1`, GCE_METADATA_HOST: new URL(url).host }),
  });

  it('reviews through Vertex: one cache write and the rest reads, the provider named in the status bar and the panel', async () => {
    const { workbench: wb, profile } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    writeFileSync(join(profile.workspace, FILE), `${SOURCE}\n`);

    await chooseProviderInSettings(wb, 'vertex', 'Google Vertex AI (global');
    await wb.screenshot('providers-1-vertex-chosen');

    await wb.runCommand('View: Close All Editors');
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
