// "Delegate task to parallel agents…" in a real workbench, against the API simulator with the demo responder
// (whose planner answer has three subtasks): task input box → code-context quick pick → plan approval
// (multi-select, everything selected) → subtasks streamed concurrently → integrated answer.
import assert from 'node:assert/strict';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame } from 'playwright-core';
import { DEMO_PLAN_SUBTASKS } from '../../support/demoResponder';
import { sleep, useWorkbench, type Workbench } from '../harness/index.js';
import {
  describeLog,
  lastUserTextOf,
  overlapped,
  simulatorControl,
  type RequestLogEntry,
} from '../harness/simulatorControl.js';

const FILE = 'src/orders.ts';
const COMMAND = 'Claude Multi-Agent: Delegate task to parallel agents…';
const TASK = 'Add input validation and clear error messages to ordersFor';

/** Waits until the quick input shows a title matching `title`; returns its rows. */
async function waitForQuickPick(wb: Workbench, title: RegExp, minRows = 1, timeoutMs = 30_000): Promise<string[]> {
  return wb.step(`a quick pick titled ${title}`, timeoutMs, async () => {
    const deadline = Date.now() + timeoutMs - 1000;
    for (;;) {
      const shown = (await wb.quickInput.isVisible())
        ? ((await wb.quickInput
            .locator('.quick-input-title')
            .innerText()
            .catch(() => '')) ?? '')
        : '';
      if (title.test(shown)) {
        const rows = await wb.quickInputRows();
        if (rows.length >= minRows) return rows;
      }
      if (Date.now() > deadline) throw new Error(`the quick input shows "${shown}"`);
      await sleep(200);
    }
  });
}

/** Clicks the quick pick row whose label contains `text`. */
async function pickRow(wb: Workbench, text: string): Promise<void> {
  await wb.step(`choosing "${text}" in the quick pick`, 15_000, async () => {
    const rows = await wb.quickInputRows();
    const index = rows.findIndex((r) => r.includes(text));
    if (index < 0) throw new Error(`no row "${text}"; rows: ${rows.join(' | ')}`);
    await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').nth(index).click();
  });
}

/** Whether each row of a multi-select quick pick is checked (however this VS Code version renders the box). */
async function checkedRows(wb: Workbench): Promise<Array<boolean | string>> {
  return wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').evaluateAll((rows: Element[]) =>
    rows.map((row) => {
      const input = row.querySelector('input[type="checkbox"]') as HTMLInputElement | null;
      if (input) return input.checked;
      const toggle = row.querySelector('[role="checkbox"], .monaco-custom-toggle, .quick-input-list-checkbox');
      if (toggle?.getAttribute('aria-checked')) return toggle.getAttribute('aria-checked') === 'true';
      if (toggle) return toggle.classList.contains('checked');
      if (row.getAttribute('aria-checked')) return row.getAttribute('aria-checked') === 'true';
      return row.outerHTML.slice(0, 400);
    }),
  );
}

async function waitForSection(
  wb: Workbench,
  frame: Frame,
  id: string,
  status: string,
  timeoutMs = 60_000,
): Promise<void> {
  await wb.step(`section ${id} to be ${status}`, timeoutMs, async () => {
    try {
      await frame
        .locator(`[data-testid="section-${id}"][data-status="${status}"]`)
        .waitFor({ state: 'attached', timeout: timeoutMs - 1000 });
    } catch (err) {
      const now = await frame
        .locator(`[data-testid="section-${id}"]`)
        .getAttribute('data-status')
        .catch(() => '?');
      throw new Error(`it is ${now} (${(err as Error).message.split('\n')[0]})`);
    }
  });
}

const isPlanner = (e: RequestLogEntry) =>
  /Split this task into at most \d+ independent subtasks/.test(lastUserTextOf(e));
const isSubtask = (e: RequestLogEntry) => lastUserTextOf(e).includes('<your-subtask');
const isIntegration = (e: RequestLogEntry) => lastUserTextOf(e).includes('<subtask-result');

describe('delegate: a task split into parallel subtasks', function () {
  const session = useWorkbench({ name: 'delegate', simulator: { args: ['--control', 'on'] } });

  it('plans, runs the approved subtasks concurrently and integrates their results', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    // Each subtask reply streams for about 1.5 s, so concurrency shows in the log.
    await sim.configure({ outputTokens: 90, tokensPerSecond: 60 });
    try {
      await wb.openFile(FILE);
      await wb.runCommand(COMMAND);
      const box = await wb.waitForQuickInput();
      assert.match(box.title, /Delegate task to parallel agents/);
      await wb.typeInQuickInput(TASK);
      await wb.screenshot('delegate-1-task');
      await wb.quickInputBox.press('Enter');

      const contextRows = await waitForQuickPick(wb, /Code context for the agents/, 2);
      assert.ok(
        contextRows.some((r) => r.includes('Include the whole file')),
        contextRows.join(' | '),
      );
      assert.match(
        contextRows[0] ?? '',
        /The workspace/,
        `the agents read the workspace: nothing pinned is the default (${contextRows.join(' | ')})`,
      );
      assert.ok(
        contextRows.every((r) => !r.includes('only the task')),
        contextRows.join(' | '),
      );
      await wb.screenshot('delegate-2-context-choice');
      await pickRow(wb, 'Include the whole file');

      const planRows = await waitForQuickPick(
        wb,
        new RegExp(`^Plan for ".*": ${DEMO_PLAN_SUBTASKS} subtasks`),
        DEMO_PLAN_SUBTASKS,
      );
      assert.equal(planRows.length, DEMO_PLAN_SUBTASKS, planRows.join(' | '));
      for (const title of ['Map the affected code', 'Implement the change', 'Write the unit tests']) {
        assert.ok(
          planRows.some((r) => r.includes(title)),
          `the plan lists "${title}": ${planRows.join(' | ')}`,
        );
      }
      const checked = await checkedRows(wb);
      assert.deepEqual(
        checked,
        Array(DEMO_PLAN_SUBTASKS).fill(true),
        `every subtask selected by default: ${JSON.stringify(checked)}`,
      );
      await wb.screenshot('delegate-3-plan');
      await wb.quickInputBox.press('Enter');
      await wb.quickInput.waitFor({ state: 'hidden' });

      const frame = await wb.webviewFrame(/^Delegation: /);
      // The task shows once the host's init arrives (it follows the webview's 'ready').
      await frame
        .getByTestId('delegate-task')
        .filter({ hasText: TASK })
        .waitFor({ timeout: 20_000 })
        .catch(() => undefined);
      assert.equal((await frame.getByTestId('delegate-task').innerText()).trim(), TASK);
      const ids = Array.from({ length: DEMO_PLAN_SUBTASKS }, (_, i) => `subtask-${i + 1}`);
      // Concurrency is asserted on the simulator's log below: whether the panel shows two sections streaming at
      // the same moment depends on how fast the webview loads, so here only the sections' arrival is awaited.
      await wb.step('the subtask sections to appear', 30_000, async () => {
        await frame
          .locator('[data-section-id^="subtask-"]')
          .nth(DEMO_PLAN_SUBTASKS - 1)
          .waitFor({ state: 'attached', timeout: 29_000 });
      });
      await wb.screenshot('delegate-4-subtasks-streaming');
      for (const id of ids) await waitForSection(wb, frame, id, 'done');
      await waitForSection(wb, frame, 'integration', 'done');
      await frame.locator('[data-testid="run-status"][data-outcome]').waitFor();
      assert.equal(
        await frame.getByTestId('run-status').getAttribute('data-outcome'),
        'completed',
        await frame.getByTestId('run-status').innerText(),
      );
      for (const id of ids) assert.match(await frame.getByTestId(`section-text-${id}`).innerText(), /Simulated reply/);
      const integrated = (await frame.getByTestId('section-text-integration').innerText()).trim();
      assert.match(integrated, /Simulated reply/, 'the integrated answer is shown');
      assert.match(await frame.getByTestId('integration').innerText(), /Integration/);
      const cost = frame.getByTestId('cost');
      await cost.waitFor({ state: 'visible' });
      assert.match(await cost.innerText(), /\$/);
      await wb.waitForNotification('Delegation done');
      await wb.screenshot('delegate-5-integrated');

      // The requests: planner, then the subtasks at the same time, then the integration.
      const snapshot = await sim.waitForIdle(DEMO_PLAN_SUBTASKS + 2);
      const detail = describeLog(snapshot);
      const { log } = snapshot;
      assert.equal(log.length, DEMO_PLAN_SUBTASKS + 2, detail);
      assert.ok(isPlanner(log[0]!), `the planner goes first\n${detail}`);
      const subtasks = log.filter(isSubtask);
      assert.equal(subtasks.length, DEMO_PLAN_SUBTASKS, detail);
      assert.ok(isIntegration(log.at(-1)!), `the integration goes last\n${detail}`);
      assert.ok(
        log.every((e) => e.status === 200 && e.completed),
        detail,
      );
      assert.ok(snapshot.maxConcurrent >= 2, `maxConcurrent ${snapshot.maxConcurrent}\n${detail}`);
      const overlapping = subtasks.flatMap((a, i) => subtasks.slice(i + 1).filter((b) => overlapped(a, b)));
      assert.ok(overlapping.length > 0, `subtask requests overlap in time\n${detail}`);
      const integration = log.at(-1)!;
      assert.ok(
        subtasks.every((s) => (s.closedAt ?? Infinity) <= integration.receivedAt),
        `the integration waits for every subtask\n${detail}`,
      );
      for (const e of [log[0]!, ...subtasks]) {
        assert.match(
          JSON.stringify(e.body?.['system'] ?? ''),
          /orders\.ts[\s\S]*ordersFor/,
          `the whole file went along as context\n${detail}`,
        );
      }
      assert.ok(lastUserTextOf(integration).includes(TASK), 'the integration sees the task');

      // "Open as Markdown document" opens the integrated answer.
      await frame.getByTestId('open-result').click();
      await wb.step('the result to open as a Markdown document', 20_000, async () => {
        await wb.page
          .locator('.tabs-container .tab.active[aria-label*="Untitled"]')
          .first()
          .waitFor({ timeout: 19_000 });
        await wb.page
          .locator('.editor-group-container.active .monaco-editor .view-lines', { hasText: 'Simulated reply' })
          .first()
          .waitFor({ timeout: 19_000 });
      });
      // (Markdown editors wrap words: compare with the line breaks folded.)
      assert.ok(
        (await wb.visibleEditorText()).replace(/\s+/g, ' ').startsWith(`# ${TASK} Simulated reply`),
        await wb.visibleEditorText(),
      );
      await wb.screenshot('delegate-6-result-document');
    } finally {
      await sim.restorePacing();
    }
  });
});
