// "Sweep workspace (batch)…" in a real workbench against the simulator's Message Batches endpoints:
// the confirmation, the batch progress notification and the merged report, the state kept in the cache
// folder (never in the workspace); then a sweep whose state is there when the window reloads resumes by
// itself and reports.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { shortHash, sweepCacheFolder } from '../../../src/node/cacheFolder';
import { useWorkbench, type Workbench } from '../harness/index.js';

/** code-server runs with XDG_CACHE_HOME under the profile (harness/codeServer.ts). */
const stateFolder = (profile: { workspace: string; xdgDir: string }): string =>
  sweepCacheFolder(profile.workspace, { XDG_CACHE_HOME: join(profile.xdgDir, 'cache') });
const savedStates = (profile: { workspace: string; xdgDir: string }): string[] =>
  existsSync(stateFolder(profile)) ? readdirSync(stateFolder(profile)).filter((n) => n.endsWith('.json')) : [];

/** Waits until the active editor shows `text` (Monaco renders spaces as no-break spaces; this reads them back). */
async function editorShowing(wb: Workbench, text: RegExp): Promise<string> {
  return wb.step(`an editor showing ${String(text)}`, 90_000, async () => {
    for (;;) {
      const shown = await wb.visibleEditorText().catch(() => '');
      if (text.test(shown)) return shown;
      await wb.page.waitForTimeout(250);
    }
  });
}

describe('sweep: workspace sweep through a Message Batch', function () {
  // A folder hidden by files.exclude is not swept (the sweep passed no files.exclude before).
  const session = useWorkbench({
    name: 'sweep',
    simulator: true,
    settings: { 'files.exclude': { '**/hidden-notes': true } },
  });

  it('asks before submitting, shows the batch in a notification and opens the merged report', async () => {
    const { workbench: wb, profile } = session();
    mkdirSync(join(profile.workspace, 'hidden-notes'), { recursive: true });
    writeFileSync(join(profile.workspace, 'hidden-notes/plan.ts'), 'export const hiddenPlan = 1;\n');
    // Listed once the workspace's trust is known (its palette entry requires isWorkspaceTrusted).
    await wb.waitForCommand('Claude Multi-Agent: Sweep workspace (batch)…');
    await wb.runCommand('Claude Multi-Agent: Sweep workspace (batch)…');
    const submit = wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Submit batch' });
    await submit.waitFor({ timeout: 60_000 });
    const question = await wb.page.locator('.monaco-dialog-box').innerText();
    assert.match(question, /requests in one batch, at half price/);
    await wb.screenshot('sweep-1-confirm');
    await submit.click();
    const report = await editorShowing(wb, /# Sweep: sample-workspace/);
    assert.match(report, /at the batch price/);
    assert.match(report, /## Findings \(\d+\)/);
    // The "Left out" list is below the findings: find the hidden folder's line with the editor's Find, then
    // wait for the editor to have scrolled to it (it reveals the match after the key press, not with it).
    await wb.focusEditor();
    await wb.press('Control+f');
    await wb.page.keyboard.type('hidden-notes/');
    await wb.press('Enter', 'Escape');
    const leftOut = await editorShowing(wb, /`hidden-notes\/`/);
    assert.match(leftOut, /`hidden-notes\/` — matches '\*\*\/hidden-notes' in files\.exclude/);
    await wb.screenshot('sweep-2-report');
    assert.deepEqual(savedStates(profile), [], 'the state is cleared once reported');
    assert.ok(!existsSync(join(profile.workspace, '.claude-multi-agent')), 'nothing written in the workspace');
  });

  it('resumes a pending batch after a reload, without being asked again', async () => {
    const { workbench: wb, profile, simulator } = session();
    assert.ok(simulator);
    // A batch submitted "before the reload": one request over src/orders.ts by the security expert.
    const created = (await (
      await fetch(`${simulator.url}/v1/messages/batches`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': 'simulated-key',
          'anthropic-version': '2023-06-01',
        },
        body: JSON.stringify({
          requests: [
            {
              custom_id: 'g0-e0',
              params: { model: 'claude-sonnet-5-5', max_tokens: 100, messages: [{ role: 'user', content: 'review' }] },
            },
          ],
        }),
      })
    ).json()) as { id: string };
    // Where the extension saves a sweep's batch: one file per sweep key (src/node/sweepStateFile.ts), the one
    // its resume clears once it has reported.
    const key = 'a sweep submitted before the reload';
    mkdirSync(stateFolder(profile), { recursive: true });
    writeFileSync(
      join(stateFolder(profile), `${shortHash(key)}.json`),
      JSON.stringify({
        version: 2,
        key,
        scope: { paths: ['src/orders.ts'], experts: ['security'], model: 'claude-sonnet-5-5', settings: '' },
        contents: {},
        batchId: created.id,
        createdAt: new Date().toISOString(),
        title: 'Sweep: resumed after reload',
        groups: [
          {
            paths: ['src/orders.ts'],
            files: [{ path: 'src/orders.ts', startLine: 1, endLine: 200 }],
            contextTokens: 100,
          },
        ],
        experts: [{ id: 'security', name: 'Security', instructions: 'x', source: 'builtin' }],
        requests: { 'g0-e0': { group: 0, expert: 0 } },
        leftOut: { total: 0, byReason: [], shown: [] },
      }),
    );
    await wb.reloadWindow();
    await editorShowing(wb, /# Sweep: resumed after reload/);
    await wb.screenshot('sweep-3-resumed');
    assert.equal(await wb.page.locator('.monaco-dialog-box').count(), 0, 'a resumed sweep asks nothing');
    assert.deepEqual(savedStates(profile), [], 'collected and cleared');
  });
});
