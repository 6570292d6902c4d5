// Delegation that changes code, in a real workbench against the simulator (demo responder, whose planner
// splits a "two-part change" into one subtask per file): both sub-agents read their file concurrently
// through client-side tool use, each proposes an edit, the change set opens in the multi-file diff editor
// and the "Delegation changes" view; accepting one file writes only it, discarding the other writes
// nothing (from its diff's title bar), the view and the run's summary say what was accepted, and Undo
// reverts the accepted file.
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

describe('delegate: sub-agents propose edits, reviewed file by file in the multi-file diff editor', function () {
  const session = useWorkbench({ name: 'delegate-changes', simulator: { args: ['--control', 'on'] } });

  it('reads concurrently, opens both files in the multi-file diff editor, accepts one, discards the other, Undo reverts', async () => {
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

      // The change set opens in the multi-file diff editor, one entry per file, and in the changes view.
      const multiDiff = wb.page.locator('.multiDiffEditor');
      await wb.step('the multi-file diff editor to list both files', 60_000, async () => {
        for (const f of DEMO_CHANGE_FILES)
          await multiDiff
            .locator('.multiDiffEntry .header', { hasText: f.path.split('/').pop()! })
            .first()
            .waitFor({ timeout: 59_000 });
      });
      // Each entry's status is set with its header: the proposed side has the file's own path, so none reads "R".
      assert.equal(
        await multiDiff.locator('.multiDiffEntry .status.renamed').count(),
        0,
        'no entry is listed as a rename',
      );
      const pane = wb.page.locator('.pane', {
        has: wb.page.locator('.pane-header', { hasText: 'Delegation changes' }),
      });
      const row = (path: string) => pane.locator('.monaco-list-row', { hasText: path });
      await wb.step('the changes view to list both files', 30_000, async () => {
        for (const f of DEMO_CHANGE_FILES) await row(f.path).waitFor({ timeout: 29_000 });
      });
      await wb.screenshot('delegate-changes-3-multi-diff');

      // Accept the first file from its row: only it changes on disk, and it leaves the view.
      const [accepted, discarded] = DEMO_CHANGE_FILES;
      const inline = async (path: string, action: string) => {
        await row(path).hover();
        await row(path).locator(`.actions .action-label[aria-label^="${action}"]`).click();
      };
      await wb.step(`accepting ${accepted.path} from the changes view`, 20_000, () =>
        inline(accepted.path, 'Accept change'),
      );
      await wb.step(`${accepted.path} to change on disk`, 20_000, async () => {
        while (onDisk(accepted.path) !== `${accepted.line}\n${before[accepted.path]}`) await sleep(200);
      });
      await row(accepted.path).waitFor({ state: 'detached', timeout: 10_000 });
      assert.equal(onDisk(discarded.path), before[discarded.path], 'the other file is untouched');
      await frame
        .getByTestId('changes-summary')
        .filter({ hasText: `Accepted: ${accepted.path}. 1 file still to review.` })
        .waitFor({ timeout: 10_000 });

      // Discard the second from the title bar of its own diff (a click on its row opens it): nothing is
      // written, and the view says no change is left, and what was accepted.
      await wb.step(`discarding ${discarded.path} from its diff's title bar`, 30_000, async () => {
        await row(discarded.path).click();
        const group = wb.page.locator('.editor-group-container.active');
        await group
          .locator('.tabs-container .tab.active', { hasText: 'proposed by the delegation' })
          .waitFor({ timeout: 15_000 });
        // (The tab bar's action: its label, or its hover title, names the command.)
        await group
          .locator('.action-label[aria-label*="Discard change"], .action-label[title*="Discard change"]')
          .first()
          .click();
      });
      await pane.locator('.message', { hasText: 'No proposed changes left to review' }).waitFor({ timeout: 10_000 });
      const message = await pane.locator('.message').innerText();
      assert.match(message, new RegExp(`Accepted: ${accepted.path}\\. Discarded: ${discarded.path}\\.`), message);
      assert.equal(await pane.locator('.monaco-list-row').count(), 0);
      assert.equal(onDisk(discarded.path), before[discarded.path]);
      await frame
        .getByTestId('changes-summary')
        .filter({ hasText: `Accepted: ${accepted.path}. Discarded: ${discarded.path}. All files reviewed.` })
        .waitFor({ timeout: 10_000 });
      await wb.screenshot('delegate-changes-4-reviewed');

      // Accepting went through a WorkspaceEdit: Undo in the file reverts it.
      await wb.openFile(accepted.path);
      await wb.focusEditor();
      await wb.press('Control+Z');
      await wb.step('the undo to take effect', 15_000, async () => {
        // The top line as shown (Monaco's line elements are not in document order once it has re-rendered).
        const firstLine = async () => (await wb.visibleEditorText().catch(() => '')).split('\n')[0] ?? '';
        while ((await firstLine()).includes('Checked by the delegation')) await sleep(100);
      });
      await wb.runCommand('File: Save All Files');
      await wb.step(`${accepted.path} to be restored on disk`, 20_000, async () => {
        while (onDisk(accepted.path) !== before[accepted.path]) await sleep(200);
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
