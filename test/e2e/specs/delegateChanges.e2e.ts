// Delegation that changes code, in a real workbench against the simulator (demo responder, whose planner
// splits a "two-part change" into one subtask per file): both sub-agents read their file concurrently
// through client-side tool use, each proposes an edit, the refactor preview lists the two files (labelled
// per subtask), Apply changes them on disk, and one Undo restores both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame } from 'playwright-core';
import { DEMO_CHANGE_FILES, DEMO_CHANGE_MARKER } from '../../support/demoAgents';
import { sleep, useWorkbench, type Workbench } from '../harness/index.js';
import { describeLog, overlapped, simulatorControl, type RequestLogEntry } from '../harness/simulatorControl.js';

const COMMAND = 'Claude Multi-Agent: Delegate task to parallel agents…';
const TASK = `Make a ${DEMO_CHANGE_MARKER}: annotate the orders and pagination modules`;

async function waitForQuickPickTitle(wb: Workbench, title: RegExp, timeoutMs = 30_000): Promise<string[]> {
  return wb.step(`a quick pick titled ${title}`, timeoutMs, async () => {
    for (const deadline = Date.now() + timeoutMs - 1000; ;) {
      const shown = (await wb.quickInput.isVisible())
        ? ((await wb.quickInput
            .locator('.quick-input-title')
            .innerText()
            .catch(() => '')) ?? '')
        : '';
      if (title.test(shown)) return wb.quickInputRows();
      if (Date.now() > deadline) throw new Error(`the quick input shows "${shown}"`);
      await sleep(200);
    }
  });
}

type Body = { messages?: Array<{ role: string; content: unknown }>; tools?: unknown[]; tool_choice?: unknown };
const bodyOf = (e: RequestLogEntry): Body => (e.body ?? {}) as Body;
const assistantTurns = (e: RequestLogEntry): number =>
  (bodyOf(e).messages ?? []).filter((m) => m.role === 'assistant').length;
const isAgentTurn = (e: RequestLogEntry): boolean =>
  Boolean(bodyOf(e).tools?.length) && bodyOf(e).tool_choice === undefined;
const agentFile = (e: RequestLogEntry): string | undefined =>
  DEMO_CHANGE_FILES.find((f) => JSON.stringify(bodyOf(e).messages?.[0] ?? '').includes(f.path))?.path;

describe('delegate: sub-agents propose edits, reviewed in the refactor preview', function () {
  const session = useWorkbench({ name: 'delegate-changes', simulator: { args: ['--control', 'on'] } });

  it('reads concurrently, previews edits in two files, applies them, and one Undo restores both', async () => {
    const { workbench: wb, profile } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    // Each agent's first turn streams for about a second, so the two agents' reads overlap visibly in the log.
    await sim.configure({ tokensPerSecond: 30 });
    const onDisk = (rel: string) => readFileSync(join(profile.workspace, rel), 'utf8');
    const before = Object.fromEntries(DEMO_CHANGE_FILES.map((f) => [f.path, onDisk(f.path)]));
    try {
      await wb.openFile(DEMO_CHANGE_FILES[0].path);
      await wb.runCommand(COMMAND);
      await wb.waitForQuickInput();
      await wb.typeInQuickInput(TASK);
      await wb.quickInputBox.press('Enter');
      await waitForQuickPickTitle(wb, /Code context for the agents/);
      await wb.step('choosing to pin no code (the agents read the workspace)', 15_000, async () => {
        const rows = await wb.quickInputRows();
        await wb.page
          .locator('.quick-input-widget .quick-input-list .monaco-list-row')
          .nth(rows.findIndex((r) => r.includes('The workspace')))
          .click();
      });
      const planRows = await waitForQuickPickTitle(wb, /^Plan for ".*": 2 subtasks/);
      for (const f of DEMO_CHANGE_FILES)
        assert.ok(
          planRows.some((r) => r.includes(f.title)),
          planRows.join(' | '),
        );
      await wb.screenshot('delegate-changes-1-plan');
      await wb.quickInputBox.press('Enter');
      await wb.quickInput.waitFor({ state: 'hidden' });

      // The panel shows each agent's steps live: its read, then its proposal.
      const frame: Frame = await wb.webviewFrame(/^Delegation: /);
      await wb.step('both agents to log their read and their proposal', 60_000, async () => {
        for (const [i, f] of DEMO_CHANGE_FILES.entries()) {
          const card = frame.getByTestId(`agent-log-subtask-${i + 1}`);
          await card
            .getByTestId('agent-steps')
            .filter({ hasText: `read ${f.path} 1–5` })
            .waitFor({ timeout: 59_000 });
          await card
            .getByTestId('agent-proposals')
            .filter({ hasText: `${f.path} before line 1` })
            .waitFor({ timeout: 59_000 });
        }
      });
      await wb.screenshot('delegate-changes-2-agents');

      // The refactor preview lists the edits of both files; they start unticked (needsConfirmation), tick and apply.
      const preview = wb.page.locator('.bulk-edit-panel[data-state="data"]');
      await wb.step('the refactor preview to open', 60_000, async () => {
        await preview.waitFor({ timeout: 59_000 });
        for (const f of DEMO_CHANGE_FILES)
          await preview
            .locator('.monaco-list-row', { hasText: f.path.split('/').pop()! })
            .first()
            .waitFor({ timeout: 20_000 });
      });
      const previewText = await preview.innerText();
      for (const f of DEMO_CHANGE_FILES) assert.ok(previewText.includes(f.path.split('/').pop()!), previewText);
      await wb.screenshot('delegate-changes-3-preview');
      await wb.step('ticking every proposed edit', 20_000, async () => {
        const boxes = preview.locator('.edit-checkbox');
        const read = (): Promise<string[]> =>
          boxes.evaluateAll((els: Element[]) =>
            els.map((e) => e.getAttribute('aria-checked') ?? (e.classList.contains('checked') ? 'true' : 'false')),
          );
        for (let round = 0; round < 12; round++) {
          const states = await read();
          const next = states.findIndex((s) => s !== 'true');
          if (next < 0) return;
          await boxes.nth(next).click();
          // (A file's box ticks its edits too: read the boxes again only once the click has changed them.)
          while ((await read()).join() === states.join()) await sleep(50);
        }
        throw new Error('some edits stayed unticked');
      });
      await preview.locator('.buttons .monaco-button', { hasText: 'Apply' }).click();
      await wb.step('both files to change on disk', 20_000, async () => {
        for (;;) {
          if (DEMO_CHANGE_FILES.every((f) => onDisk(f.path) === `${f.line}\n${before[f.path]}`)) return;
          await sleep(200);
        }
      });
      await frame.getByTestId('changes-summary').filter({ hasText: 'Applied' }).waitFor({ timeout: 10_000 });
      await wb.screenshot('delegate-changes-4-applied');

      // One Undo, confirmed for every file, restores both.
      await wb.openFile(DEMO_CHANGE_FILES[0].path);
      await wb.focusEditor();
      await wb.press('Control+Z');
      // VS Code asks whether to undo across all files when the edit spans several; either way one Undo must do.
      await wb.step('the undo to take effect (confirming it for every file if asked)', 15_000, async () => {
        const undoAll = wb.page.locator('.monaco-dialog-box .monaco-button', { hasText: /Undo in 2 Files/ });
        // The top line as shown (Monaco's line elements are not in document order once it has re-rendered).
        const firstLine = async () => (await wb.visibleEditorText().catch(() => '')).split('\n')[0] ?? '';
        for (;;) {
          if (await undoAll.isVisible().catch(() => false)) return undoAll.click();
          if (!(await firstLine()).includes('Checked by the delegation')) return;
          await sleep(100);
        }
      });
      await wb.runCommand('File: Save All Files');
      await wb.step('both files to be restored on disk', 20_000, async () => {
        for (;;) {
          if (DEMO_CHANGE_FILES.every((f) => onDisk(f.path) === before[f.path])) return;
          await sleep(200);
        }
      });
      await wb.screenshot('delegate-changes-5-undone');

      // The log: planner, two agents of three turns each, then the integration; both agents' reads overlapped.
      const snapshot = await sim.waitForIdle(8);
      const detail = describeLog(snapshot);
      const agents = snapshot.log.filter(isAgentTurn);
      assert.equal(agents.length, 6, detail);
      const firstTurns = DEMO_CHANGE_FILES.map((f) =>
        agents.find((e) => agentFile(e) === f.path && assistantTurns(e) === 0),
      );
      assert.ok(firstTurns.every(Boolean), detail);
      assert.ok(
        overlapped(firstTurns[0]!, firstTurns[1]!),
        `both agents' read turns were in flight together\n${detail}`,
      );
      assert.ok(snapshot.maxConcurrent >= 2, detail);
      const withResults = agents.filter((e) => assistantTurns(e) === 1);
      assert.equal(withResults.length, 2, detail);
      for (const e of withResults) assert.match(JSON.stringify(bodyOf(e).messages), /tool_result/, detail);
    } finally {
      await sim.restorePacing();
    }
  });
});
