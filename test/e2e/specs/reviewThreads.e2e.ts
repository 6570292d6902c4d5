// Findings as comment threads on the code, in a real workbench against the simulator's demo responder:
// a review puts a thread on each finding's line; Dismiss from a thread keeps the finding out of the
// next review of the same code (the panel says so, and Restore brings it back); a reply in a thread is
// answered there through the file's chat; after a window reload the findings, threads and that
// conversation are back; Apply fix from a thread or the panel applies at once with Undo, in the editor
// that shows the file. The fix changes the file, so it comes last.
import assert from 'node:assert/strict';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame, Locator } from 'playwright-core';
import { sleep, useWorkbench, type Workbench } from '../harness/index.js';

const FILE = 'src/orders.ts';
const PANEL_TITLE = `Review: ${FILE}`;
const SOURCE = 'Claude Multi-Agent';
/** What the demo responder flags in the sample's orders.ts (see review.e2e.ts's expectedFindings). */
const SQL = { title: 'SQL query built by string concatenation', line: 17 };
const OFF_BY_ONE = { title: 'Off-by-one: loop runs one past the end', line: 56 };
const FINDINGS = 4;

async function review(wb: Workbench): Promise<Frame> {
  await wb.resetLayout();
  await wb.openFile(FILE);
  await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
  const frame = await wb.webviewFrame(PANEL_TITLE);
  await wb.step('the review to finish', 90_000, async () => {
    await frame.locator('[data-testid="run-status"][data-outcome="completed"]').waitFor({ timeout: 89_000 });
  });
  return frame;
}

/** The expanded comment thread whose title carries `title` (critical and high findings open expanded). */
const thread = (wb: Workbench, title: string): Locator =>
  wb.page.locator('.editor-group-container.active .review-widget', { hasText: title });

async function ourProblems(wb: Workbench, minCount = 0) {
  return (await wb.problems({ minCount })).filter((p) => p.source === SOURCE);
}

type Box = { x: number; y: number; width: number; height: number };
interface Placement {
  widget: Box;
  line: Box;
  editor: Box;
}

/**
 * Page-side, in one evaluation (Monaco re-renders line numbers at any time): the boxes of the active editor,
 * of the thread whose title carries `title`, and of line `line`'s number; null while one is missing. A string:
 * tsx would wrap a TypeScript function's inner functions in a `__name` helper the page does not have.
 */
const THREAD_PLACEMENT = `({ title, line }) => {
  const editor = document.querySelector('.editor-group-container.active .monaco-editor');
  if (!editor) return null;
  const widget = [...editor.querySelectorAll('.review-widget')].find((w) => w.textContent.includes(title));
  const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find(
    (n) => n.textContent.trim() === String(line),
  );
  if (!widget || !number) return null;
  const box = (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
  return { widget: box(widget), line: box(number), editor: box(editor) };
}`;

/** Opens the file alone at `line`, so the thread after it is rendered with room below. */
async function showLine(wb: Workbench, line: number): Promise<void> {
  await wb.resetLayout();
  await wb.openFile(FILE);
  await wb.goToLine(line);
}

describe('review threads: findings as comment threads that persist', function () {
  // The Comments view would open in the panel with the first thread and squeeze the editor.
  const session = useWorkbench({
    name: 'review-threads',
    simulator: { args: ['--control', 'on'] },
    settings: { 'comments.openView': 'never' },
  });

  it('puts a thread on the finding’s line with its severity, experts and the fix as a diff', async () => {
    const { workbench: wb } = session();
    await review(wb);
    await showLine(wb, SQL.line);
    const sql = thread(wb, SQL.title);
    // The widget is in the page before the editor places it (Monaco parks a new zone far above the view):
    // wait until it is placed inside the editor, then check where.
    const placed = await wb.step('the SQL finding’s thread to be placed in the editor', 20_000, async () => {
      for (;;) {
        const at = (await wb.page.evaluate(`(${THREAD_PLACEMENT})(${JSON.stringify(SQL)})`)) as Placement | null;
        if (at && at.widget.y >= at.editor.y && at.widget.y < at.editor.y + at.editor.height) return at;
        await sleep(100);
      }
    });
    const { widget, line: above } = placed;
    assert.ok(
      widget.y >= above.y + above.height - 2 && widget.y <= above.y + 2 * above.height,
      `the thread sits right under line ${SQL.line}: ${JSON.stringify(placed)}`,
    );
    const text = await sql.first().innerText();
    assert.match(text, /Critical: SQL query built by string concatenation/);
    assert.match(text, /raised by Security/);

    await showLine(wb, OFF_BY_ONE.line);
    const fix = thread(wb, OFF_BY_ONE.title).first();
    await fix.waitFor({ timeout: 20_000 });
    assert.match(
      await fix.innerText(),
      /Suggested fix[\s\S]*-\s*for \(let i = 0; i <= orders\.length[\s\S]*\+\s*for \(let i = 0; i < orders\.length/,
    );
    await wb.screenshot('threads-1-on-the-code');
  });

  it('Dismiss from a thread: gone now, hidden in the next review of the same code, listed and restorable in the panel', async () => {
    const { workbench: wb } = session();
    await showLine(wb, SQL.line);
    const sql = thread(wb, SQL.title).first();
    await sql.waitFor({ timeout: 20_000 });
    // Its own labelled action in the thread's title, not an X (which reads as "close").
    const dismiss = sql.locator('.head .action-label[aria-label^="Dismiss"]');
    assert.equal((await dismiss.innerText()).trim(), 'Dismiss…');
    assert.doesNotMatch((await dismiss.getAttribute('class')) ?? '', /codicon-close/);
    await dismiss.click();
    await wb.waitForQuickInput();
    await wb.typeInQuickInput("Won't fix", { submit: true });
    await wb.step('the dismissed thread to go', 15_000, () =>
      thread(wb, SQL.title).first().waitFor({ state: 'detached', timeout: 14_000 }),
    );

    const frame = await review(wb);
    await frame
      .getByTestId('findings-rereview')
      .filter({ hasText: 'since the last review' })
      .waitFor({ timeout: 20_000 });
    assert.equal(
      await frame.getByTestId('findings-rereview').innerText(),
      `0 new · ${FINDINGS - 1} still open · 0 fixed since the last review`,
    );
    assert.equal(await frame.getByTestId('findings-dismissed-count').innerText(), '1 dismissed finding');
    assert.equal(
      await frame.locator('[data-testid="finding"]', { hasText: SQL.title }).count(),
      0,
      'the dismissed finding is not listed',
    );
    const problems = await ourProblems(wb, FINDINGS - 1);
    assert.ok(!problems.some((p) => p.line === SQL.line), `not in Problems either: ${JSON.stringify(problems)}`);
    await showLine(wb, SQL.line);
    assert.equal(await thread(wb, SQL.title).count(), 0, 'no thread after the re-review');
    await wb.screenshot('threads-2-dismissed-stays-dismissed');

    // Restore brings it back everywhere.
    await wb.runCommand('Claude Multi-Agent: Reopen a recent review…');
    await wb.waitForQuickInput();
    await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor();
    await wb.press('Enter');
    const again = await wb.webviewFrame(PANEL_TITLE);
    await again.locator('details[data-testid="findings-dismissed"] summary').click();
    await again.getByTestId('finding-restore').click();
    await again.locator('[data-testid="finding"]', { hasText: SQL.title }).waitFor({ timeout: 15_000 });
    await showLine(wb, SQL.line);
    await wb.step('the restored thread to show', 15_000, () =>
      thread(wb, SQL.title).first().waitFor({ timeout: 14_000 }),
    );
  });

  it('a reply in a thread goes to the file’s chat, and the answer appears in the thread', async () => {
    const { workbench: wb } = session();
    await showLine(wb, OFF_BY_ONE.line);
    const t = thread(wb, OFF_BY_ONE.title).first();
    await t.waitFor({ timeout: 20_000 });
    const replyButton = t.locator('.review-thread-reply-button');
    if (await replyButton.isVisible()) await replyButton.click();
    await t.locator('.comment-form .monaco-editor').first().click();
    await wb.page.keyboard.type('Does this read past the end of the array?');
    // The reply box's button is our `comments/commentThread/context` action; Ctrl+Enter runs the same first action.
    const ask = t.getByText('Ask', { exact: true });
    if (await ask.count()) await ask.last().click();
    else await wb.page.keyboard.press('Control+Enter');
    await wb.step('the answer to appear in the thread', 60_000, () =>
      t.locator('.review-comment', { hasText: 'Simulated reply' }).first().waitFor({ timeout: 59_000 }),
    );
    assert.match(await t.innerText(), /Does this read past the end of the array\?/);
    await wb.screenshot('threads-3-reply-answered');
  });

  it('after a window reload the findings are back in Problems and as threads, with the question and answer', async () => {
    const { workbench: wb } = session();
    await wb.reloadWindow();
    const problems = await ourProblems(wb, FINDINGS);
    const lines = problems.map((p) => p.line);
    assert.ok(lines.includes(SQL.line) && lines.includes(OFF_BY_ONE.line), JSON.stringify(problems));
    assert.equal(problems.length, FINDINGS, `every open finding is back: ${JSON.stringify(problems)}`);
    await showLine(wb, OFF_BY_ONE.line);
    const t = thread(wb, OFF_BY_ONE.title).first();
    await wb.step('the thread to show again after the reload', 30_000, () => t.waitFor({ timeout: 29_000 }));
    await t.locator('.review-comment', { hasText: 'Simulated reply' }).first().waitFor({ timeout: 15_000 });
    assert.match(await t.innerText(), /Does this read past the end of the array\?/);
    await wb.screenshot('threads-4-after-reload');

    // The panel can be reopened from the review history.
    await wb.runCommand('Claude Multi-Agent: Reopen a recent review…');
    await wb.waitForQuickInput();
    await wb.press('Enter');
    const frame = await wb.webviewFrame(PANEL_TITLE);
    await frame.locator('[data-testid="finding"]', { hasText: OFF_BY_ONE.title }).waitFor({ timeout: 15_000 });
  });

  it('Apply fix from a thread: applied in one click, said with Undo, the thread goes; Undo brings both back', async () => {
    const { workbench: wb } = session();
    await showLine(wb, OFF_BY_ONE.line);
    const t = thread(wb, OFF_BY_ONE.title).first();
    await t.waitFor({ timeout: 20_000 });
    await t.locator('.head .action-label[aria-label^="Apply fix"]').click();
    const applied = await wb.waitForNotification(/Applied the fix/);
    assert.deepEqual(applied.buttons, ['Undo']);
    await wb.step('the fixed finding’s thread to go', 20_000, () =>
      thread(wb, OFF_BY_ONE.title).first().waitFor({ state: 'detached', timeout: 19_000 }),
    );
    assert.equal(await wb.page.locator('.bulk-edit-panel').count(), 0, 'no refactor preview to confirm in');
    await wb.screenshot('threads-5-fix-applied');
    assert.match(await wb.visibleEditorText(), /i < orders\.length/);

    await wb.notificationButton('Undo', { message: /Applied the fix/ });
    await wb.step('the thread to come back with the code as it was', 20_000, () =>
      thread(wb, OFF_BY_ONE.title).first().waitFor({ timeout: 19_000 }),
    );
    assert.match(await wb.visibleEditorText(), /i <= orders\.length/);
  });

  it('Apply fix from the panel: applied in the editor that shows the file, never a second copy', async () => {
    const { workbench: wb } = session();
    // The file is open in the first group (unsaved since the Undo); the panel opens beside it.
    await wb.runCommand('Claude Multi-Agent: Reopen a recent review…');
    await wb.waitForQuickInput();
    await wb.press('Enter');
    const frame = await wb.webviewFrame(PANEL_TITLE);
    await frame
      .locator('[data-testid="finding"]', { hasText: OFF_BY_ONE.title })
      .locator('[data-testid="finding-apply-fix"]')
      .click();
    await wb.waitForNotification(/Applied the fix/);
    const tabs = wb.page.locator('.tabs-container .tab[aria-label^="orders.ts"]');
    // The panel keeps the focus: the fix shows, selected, in the file's editor in the other group.
    // Monaco renders spaces as no-break spaces and keeps lines out of display order: read each editor's
    // lines by their position. The fixed loop is the one whose body adds to `total`.
    await wb.step('the fix to show in the file', 20_000, () =>
      wb.page.waitForFunction(
        () =>
          [...document.querySelectorAll('.monaco-editor .view-lines')].some((lines) =>
            /for \(let i = 0; i < orders\.length; i\+\+\) \{\n\s*total \+= orders\[i\]/.test(
              [...lines.querySelectorAll<HTMLElement>('.view-line')]
                .sort((a, b) => parseFloat(a.style.top || '0') - parseFloat(b.style.top || '0'))
                .map((l) => l.innerText.replace(/\u00a0/g, ' '))
                .join('\n'),
            ),
          ),
        undefined,
        { timeout: 19_000, polling: 100 },
      ),
    );
    assert.equal(await tabs.count(), 1, 'one editor of orders.ts');
  });
});
