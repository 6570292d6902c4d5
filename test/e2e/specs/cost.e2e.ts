// Cost control in a real workbench, against the simulator with the demo responder: stopping one expert
// while the others finish (with live tokens, cost and cache status in each lane), retrying it as a cache
// read, and a per-run cap that
// asks first, then stops the run mid-stream with a message naming it and the partial text kept; and an
// expert added to a finished review, streaming into the same panel as a cache read, its findings merged.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame } from 'playwright-core';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { changeUserSettings, useWorkbench, type Workbench } from '../harness/index.js';
import { expertMatch, simulatorControl } from '../harness/simulatorControl.js';

const FILE = 'src/orders.ts';
const PANEL_TITLE = `Review: ${FILE}`;
/** Large enough for its listing to be cached (the fixture's own files are below the 1024-token minimum). */
const BIG_FILE = 'src/inventory.ts';
const BIG_SOURCE = Array.from(
  { length: 220 },
  (_, i) => `export function stock${i}(count: number): number {\n  return count * ${i} + ${i % 7};\n}`,
).join('\n');
const EXPERTS = BUILTIN_EXPERTS.map((e) => e.id);
/** A second cacheable file, for the expert added after its review. */
const ADD_FILE = 'src/warehouse.ts';

const section = (frame: Frame, id: string) => frame.locator(`[data-testid="section-${id}"]`);

async function waitForStatus(
  wb: Workbench,
  frame: Frame,
  id: string,
  statuses: string[],
  timeoutMs = 60_000,
): Promise<void> {
  const selector = statuses.map((s) => `[data-testid="section-${id}"][data-status="${s}"]`).join(', ');
  await wb.step(`section ${id} to be ${statuses.join(' or ')}`, timeoutMs, () =>
    frame
      .locator(selector)
      .first()
      .waitFor({ state: 'attached', timeout: timeoutMs - 1000 }),
  );
}

async function startReview(wb: Workbench, file = FILE): Promise<void> {
  await wb.openFile(file);
  await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
}

describe('cost: per-expert control and spending caps in the browser', function () {
  const session = useWorkbench({ name: 'cost', simulator: { args: ['--control', 'on'] } });

  it('stops one expert while the others finish, with live cost and cache status per lane; a retry reads the cache', async () => {
    const { workbench: wb, profile } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    writeFileSync(join(profile.workspace, BIG_FILE), `${BIG_SOURCE}\n`);
    const victim = EXPERTS[1]!;
    // The expert to stop streams a little and then the simulator holds its stream open (nothing more until
    // the client closes it), so it is still streaming when Stop is clicked; the others finish at the usual pace.
    await sim.fault({ kind: 'stall', afterTokens: 8, matchText: expertMatch(victim) });
    try {
      await startReview(wb, BIG_FILE);
      const frame = await wb.webviewFrame(`Review: ${BIG_FILE}`);
      await wb.step(`${victim} to stream some text`, 45_000, () =>
        frame
          .locator(
            `[data-testid="section-${victim}"][data-status="streaming"] [data-testid="section-text-${victim}"]:not(:empty)`,
          )
          .waitFor({ state: 'attached', timeout: 44_000 }),
      );
      await frame.getByTestId(`lane-stop-${victim}`).click();
      await wb.screenshot('cost-1-stop-clicked');

      await waitForStatus(wb, frame, victim, ['cancelled']);
      for (const id of EXPERTS.filter((e) => e !== victim)) await waitForStatus(wb, frame, id, ['done']);
      await frame.locator('[data-testid="run-status"][data-outcome]').waitFor();
      await wb.screenshot('cost-2-one-stopped');
      for (const id of EXPERTS)
        assert.match(
          await frame.getByTestId(`lane-cost-${id}`).innerText(),
          /in · ~?[\d,]+ out · \$[\d.]+ · cache (written|read)/,
          id,
        );
      assert.match(await frame.getByTestId(`section-note-${victim}`).innerText(), /Stopped/);
      assert.notEqual(
        ((await frame.getByTestId(`section-text-${victim}`).textContent()) ?? '').trim(),
        '',
        'the stopped expert keeps its partial text',
      );
      assert.equal(await frame.getByTestId(`lane-stop-${victim}`).isHidden(), true, 'no Stop button once stopped');
      // One cost summary once the review has finished: the cost line, not the running total beside it.
      assert.equal(await frame.getByTestId('run-total').isHidden(), true);
      assert.match(await frame.getByTestId('cost').innerText(), /Cost \$[\d.]+/);
      const { log } = await sim.waitForIdle(EXPERTS.length);
      const stopped = log.filter((e) => e.aborted);
      assert.equal(stopped.length, 1, 'only one request was aborted');
      assert.equal(await frame.getByTestId('run-status').getAttribute('data-outcome'), 'completed');

      // Retry: the expert runs again over the same block, which the review wrote to the cache.
      const before = log.length;
      await frame.getByTestId(`lane-retry-${victim}`).click();
      await waitForStatus(wb, frame, victim, ['done']);
      await wb.step('the retried lane to show its cache read', 20_000, () =>
        frame.locator(`[data-testid="lane-cost-${victim}"][data-cache="read"]`).waitFor({ timeout: 19_000 }),
      );
      await wb.screenshot('cost-2b-retried');
      const after = (await sim.waitForIdle(before + 1)).log.slice(before);
      assert.equal(after.length, 1, 'one request for the retry');
      assert.ok(
        after[0]!.usage.cache_read_input_tokens > 0 && after[0]!.usage.cache_creation_input_tokens === 0,
        `the retry read the cache: ${JSON.stringify(after[0]!.usage)}`,
      );
    } finally {
      await sim.restorePacing();
    }
  });

  it('a per-run cap asks first, then starts no request whose worst case could cross it, and says so', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    // The four experts' input costs about $0.0114 (no caching on a file this small), but each request's
    // worst case (its counted input plus max_tokens of output) is about $0.05: under a $0.012 cap none may
    // start, so nothing is billed beyond the cap.
    // The extension host starts again and reads the cap for sure.
    const restoreSettings = await changeUserSettings(wb, { 'claudeMultiAgent.budget.perRun': 0.012 });
    try {
      await startReview(wb);
      const dialog = wb.page.locator('.monaco-dialog-box');
      await wb.step('the cap dialog', 30_000, () => dialog.waitFor({ timeout: 29_000 }));
      assert.match(await dialog.innerText(), /above the per-run cap/);
      await wb.screenshot('cost-3-cap-dialog');
      await dialog.locator('.monaco-button', { hasText: 'Run anyway' }).click();

      const frame = await wb.webviewFrame(PANEL_TITLE);
      await wb.waitForNotification('Not started: a request could cost up to', 90_000);
      await frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: 30_000 });
      await wb.screenshot('cost-4-cap-reached');
      assert.equal(await frame.getByTestId('run-status').getAttribute('data-outcome'), 'cancelled');
      assert.match(
        await frame.getByTestId('run-status').innerText(),
        /more than the \$[\d.]+ left under the per-run cap/,
      );
      const { log } = await sim.waitForIdle(0);
      assert.equal(log.length, 0, 'no message request was sent, so nothing was billed beyond the cap');
    } finally {
      await sim.restorePacing();
      restoreSettings();
    }
  });

  // Last in this spec: it changes the remembered choice of experts (and puts it back at the end).
  it('adds an expert to the finished review: its lane streams in the same panel, reads the cache, and its findings join the list', async () => {
    const { workbench: wb, profile } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    // No spending cap here (the test before sets one): a fresh extension host reads the settings for sure.
    await changeUserSettings(wb, {
      'claudeMultiAgent.budget.perRun': undefined,
      'claudeMultiAgent.budget.perDay': undefined,
    });
    // Cacheable, and with one thing only the maintainability expert reports (a TODO).
    writeFileSync(join(profile.workspace, ADD_FILE), `${BIG_SOURCE}\n// TODO: reorder when the stock runs out\n`);
    const toggleMaintainability = async (title: RegExp) => {
      const shown = await wb.waitForQuickInput();
      assert.match(shown.title, title);
      await wb.page
        .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'Maintainability' })
        .first()
        .click();
      await wb.quickInputBox.press('Enter');
    };
    await wb.runCommand('Claude Multi-Agent: Choose experts…');
    await toggleMaintainability(/experts to run/);
    try {
      // From the palette (the active editor's file).
      await wb.resetLayout();
      await wb.openFile(ADD_FILE);
      await wb.runCommand('Claude Multi-Agent: Multi-expert review');
      const frame = await wb.webviewFrame(`Review: ${ADD_FILE}`);
      await frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: 60_000 });
      assert.equal(await section(frame, 'maintainability').count(), 0, 'maintainability did not run in the review');
      assert.equal(await frame.locator('[data-testid="finding"]', { hasText: 'Unresolved TODO' }).count(), 0);
      const before = (await sim.waitForIdle(EXPERTS.length - 1)).log.length;

      await frame.getByTestId('add-expert').click();
      await toggleMaintainability(/Add experts to Review: src\/warehouse\.ts/);
      await waitForStatus(wb, frame, 'maintainability', ['streaming', 'done']);
      await wb.screenshot('cost-5-expert-added');
      await waitForStatus(wb, frame, 'maintainability', ['done']);
      await wb.step('the added lane to show its cache read', 20_000, () =>
        frame.locator('[data-testid="lane-cost-maintainability"][data-cache="read"]').waitFor({ timeout: 19_000 }),
      );
      await wb.step('its finding to join the list', 20_000, () =>
        frame.locator('[data-testid="finding"]', { hasText: 'Unresolved TODO' }).waitFor({ timeout: 19_000 }),
      );
      await frame.locator('[data-testid="run-status"][data-outcome="completed"]').waitFor({ timeout: 20_000 });
      await wb.screenshot('cost-6-added-expert-done');
      const after = (await sim.waitForIdle(before + 1)).log.slice(before);
      assert.equal(after.length, 1, 'one request for the added expert');
      assert.ok(
        after[0]!.usage.cache_read_input_tokens > 0 && after[0]!.usage.cache_creation_input_tokens === 0,
        `the added expert read the cache: ${JSON.stringify(after[0]!.usage)}`,
      );
      const problems = await wb.problems({ minCount: 1 });
      assert.ok(
        problems.some((p) => /Unresolved TODO/.test(p.message)),
        'the finding is in Problems',
      );
    } finally {
      await wb.closeQuickInput();
      await wb.runCommand('Claude Multi-Agent: Choose experts…');
      await toggleMaintainability(/experts to run/);
    }
  });
});
