// A new user's first hour, in a real workbench against the simulator: a review at `npm start`'s pace shows
// one cache write and N−1 reads and leads with the findings; "Ask a follow-up" lands in the chat's composer;
// reviewing the same file again reuses its panel; Cancel after one expert finished keeps that expert's finding
// in Problems; a previewed fix, once applied, takes its finding out of Problems and marks it fixed.
// The fix changes the file, so it comes last. Each test starts from the harness's start layout and opens
// what it needs itself.
import assert from 'node:assert/strict';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame } from 'playwright-core';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import type { ReviewHostMessage } from '../../../src/shared/protocol';
import { REAL_API_PACING, sleep, useWorkbench, type Problem, type Workbench } from '../harness/index.js';
import { describeLog, expertMatch, expertOf, simulatorControl } from '../harness/simulatorControl.js';

const FILE = 'src/orders.ts';
const PANEL_TITLE = `Review: ${FILE}`;
const PROGRESS_TITLE = `Multi-expert review of ${FILE}`;
const SOURCE = 'Claude Multi-Agent';
const EXPERT_IDS = BUILTIN_EXPERTS.map((e) => e.id);
const OFF_BY_ONE = 'Off-by-one: loop runs one past the end';
/** The revenue loop in the sample's orders.ts (`i <= orders.length`). */
const OFF_BY_ONE_LINE = 56;

/** `npm start`'s pacing (harness/simulator.ts) as a configure patch. */
function startPacing(): { timeToFirstTokenMs: number; tokensPerSecond: number } {
  const at = (flag: string) => Number(REAL_API_PACING[REAL_API_PACING.indexOf(flag) + 1]);
  return { timeToFirstTokenMs: at('--ttft'), tokensPerSecond: at('--tps') };
}

async function reviewFromContextMenu(wb: Workbench): Promise<Frame> {
  await wb.openFile(FILE);
  await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
  return wb.webviewFrame(PANEL_TITLE);
}

async function waitForOutcome(wb: Workbench, frame: Frame, timeoutMs = 90_000): Promise<string> {
  return wb.step('the review to finish', timeoutMs, async () => {
    await frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: timeoutMs - 1000 });
    return (await frame.getByTestId('run-status').getAttribute('data-outcome')) ?? '';
  });
}

const ours = (problems: Problem[]) => problems.filter((p) => p.source === SOURCE);

/** Our problems, once the Problems panel lists what `until` awaits (it follows diagnostics with a delay). */
async function ourProblems(wb: Workbench, until: (ours: Problem[]) => boolean) {
  return ours(await wb.problems({ until: (all) => until(ours(all)) }));
}

/** Reviews the file from its context menu and waits for the outcome (completed). */
async function finishedReview(wb: Workbench): Promise<Frame> {
  const frame = await reviewFromContextMenu(wb);
  assert.equal(await waitForOutcome(wb, frame), 'completed');
  return frame;
}

describe('first hour: see the value at once, act on findings without clutter', function () {
  const session = useWorkbench({ name: 'firsthour', simulator: { args: ['--control', 'on'] } });

  it("a review at npm start's pace writes the cache once, reads it N−1 times, and leads with the findings", async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    await sim.configure(startPacing());
    try {
      const frame = await reviewFromContextMenu(wb);
      // (A picture once the panel has received text, from its record of messages: not a moment to catch.)
      await wb.step('the panel to receive streamed text', 30_000, async () => {
        const streamed = (m: ReviewHostMessage) => m.type === 'review/update' && m.updates.some((u) => u.append);
        while (!(await wb.webviewMessages<ReviewHostMessage>(frame)).some(streamed)) await sleep(100);
      });
      await wb.screenshot('firsthour-1-panel-before');
      assert.equal(await waitForOutcome(wb, frame), 'completed');

      const snapshot = await sim.waitForIdle(EXPERT_IDS.length + 1);
      const experts = snapshot.log.filter((e) => EXPERT_IDS.includes(expertOf(e)));
      const detail = describeLog(snapshot);
      assert.equal(experts.length, EXPERT_IDS.length, detail);
      assert.equal(
        experts.filter((e) => e.usage.cache_creation_input_tokens > 0).length,
        1,
        `one cache write\n${detail}`,
      );
      assert.equal(
        experts.filter((e) => e.usage.cache_read_input_tokens > 0).length,
        EXPERT_IDS.length - 1,
        `N−1 cache reads\n${detail}`,
      );
      const cost = await frame.getByTestId('cost').innerText();
      assert.match(cost, /cache write [1-9]/, cost);
      assert.match(cost, /Saved \$\d+\.\d{4}/, `what caching saved, in the one cost format: ${cost}`);

      // Findings first, each with its actions; the lanes below, their live text folded away.
      const order = await frame.evaluate(() => {
        const findings = document.querySelector('[data-testid="findings"]');
        const lanes = document.querySelector('[data-testid="sections"]');
        return findings && lanes ? findings.compareDocumentPosition(lanes) : 0;
      });
      assert.ok(order & 4, 'the findings list comes before the expert lanes');
      const fix = frame.locator('[data-testid="finding"]', { hasText: OFF_BY_ONE });
      await fix.getByTestId('finding-apply-fix').waitFor();
      assert.equal(await frame.locator('[data-testid^="section-live-"][open]').count(), 0, 'live text is collapsed');
      await wb.screenshot('firsthour-2-panel-after');
    } finally {
      await sim.restorePacing();
    }
  });

  it('"Ask a follow-up" puts the finding into the chat composer, without opening the file again', async () => {
    const { workbench: wb } = session();
    const review = await finishedReview(wb);
    const tabsBefore = await wb.page.locator('.tabs-container .tab[aria-label^="orders.ts"]').count();
    await review.locator('[data-testid="finding"]', { hasText: OFF_BY_ONE }).getByTestId('finding-ask').click();
    const chat = await wb.webviewFrame('Follow-up chat');
    const input = chat.getByTestId('chat-input');
    await wb.step('the composer to hold the finding', 20_000, async () => {
      while (!(await input.inputValue()).includes(OFF_BY_ONE)) await sleep(200);
    });
    const draft = await input.inputValue();
    assert.match(draft, /^About "Off-by-one/, 'the finding is quoted as context');
    assert.doesNotMatch(draft, /`|\*\*|^> /m, 'in plain words: the message box shows text as typed, not Markdown');
    assert.equal(
      await chat.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'chat-input',
      'the composer has the focus',
    );
    assert.equal(await chat.getByTestId('chat-turn').count(), 0, 'nothing is sent before the user sends it');
    assert.equal(
      await wb.page.locator('.tabs-container .tab[aria-label^="orders.ts"]').count(),
      tabsBefore,
      'no second copy of the file',
    );
    await wb.screenshot('firsthour-3-follow-up-in-composer');
  });

  it('"Ask a follow-up" while the chat is hidden: the question is in the composer when the chat opens', async () => {
    const { workbench: wb } = session();
    const review = await finishedReview(wb);
    // The chat was shown, then hidden: hidden, its page is torn down, and what is posted to it meanwhile never arrives.
    await wb.runCommand('Claude Multi-Agent: Open follow-up chat');
    await wb.webviewFrame('Follow-up chat');
    await wb.runCommand('View: Close Primary Side Bar'); // where the chat has its own icon
    await wb.step('the chat page to be torn down', 15_000, async () => {
      while ((await wb.webviews()).some((v) => v.info.title.includes('Follow-up chat'))) await sleep(200);
    });
    const other = review.locator('[data-testid="finding"]').filter({ hasNotText: OFF_BY_ONE }).first();
    const title = (await other.locator('.finding-title').innerText()).trim();
    await other.getByTestId('finding-ask').click();
    const chat = await wb.webviewFrame('Follow-up chat');
    const input = chat.getByTestId('chat-input');
    await wb.step(`the composer to hold "${title}"`, 20_000, async () => {
      while (!(await input.inputValue()).includes(title)) await sleep(200);
    });
    assert.doesNotMatch(await input.inputValue(), /Off-by-one/, 'the new question, not the earlier one');
  });

  it('reviewing the same file again reuses its panel', async () => {
    const { workbench: wb } = session();
    // Reviews of the file that finished, as the log says (it is written a moment after the panel shows it).
    const finished = async () =>
      (await wb.readOutputChannel('Claude Multi-Agent')).split(`${PANEL_TITLE}: completed`).length - 1;
    const logged = (count: number, what: string) =>
      wb.step(`the ${what} review to be logged as completed`, 90_000, async () => {
        while ((await finished()) < count) await sleep(300);
      });
    const earlier = await finished();
    await finishedReview(wb);
    await logged(earlier + 1, 'first');
    // Again, from the palette this time (the editor keeps the focus): same file, same target.
    await wb.runCommand('Claude Multi-Agent: Multi-expert review');
    const frame = await wb.webviewFrame(PANEL_TITLE);
    await logged(earlier + 2, 'second');
    assert.equal(await waitForOutcome(wb, frame), 'completed');
    const panels = (await wb.webviews()).filter((v) => v.info.title.includes(PANEL_TITLE));
    assert.equal(panels.length, 1, `one review panel: ${panels.map((p) => p.info.title).join(', ')}`);
    assert.equal(await wb.page.locator('.tabs-container .tab', { hasText: PANEL_TITLE }).count(), 1, 'one tab');
  });

  it("Cancel after one expert finished keeps that expert's finding in Problems", async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    await wb.runCommand('Claude Multi-Agent: Clear review findings');
    // Correctness finishes at the usual pace; every other expert streams a little and then holds its stream
    // open until the client closes it, so they are all still running when Cancel is clicked.
    for (const id of EXPERT_IDS.filter((e) => e !== 'correctness'))
      await sim.fault({ kind: 'stall', afterTokens: 8, matchText: expertMatch(id) });
    const frame = await reviewFromContextMenu(wb);
    await wb.step('Correctness to be done while the others stream', 45_000, async () => {
      await frame.locator('[data-testid="section-correctness"][data-status="done"]').waitFor({ timeout: 44_000 });
    });
    await wb.notificationButton('Cancel', { message: PROGRESS_TITLE });
    assert.equal(await waitForOutcome(wb, frame, 30_000), 'cancelled');
    await wb.waitForNotification(/Review cancelled\. The findings of Correctness/);
    const problems = await ourProblems(wb, (ps) => ps.some((p) => p.line === OFF_BY_ONE_LINE));
    await wb.screenshot('firsthour-4-cancelled-finding-kept');
    assert.ok(
      problems.some((p) => p.line === OFF_BY_ONE_LINE && p.message.includes(OFF_BY_ONE)),
      JSON.stringify(problems),
    );
    const snapshot = await sim.waitForIdle(EXPERT_IDS.length, 10_000);
    const held = snapshot.log.filter((e) => expertOf(e) !== 'correctness');
    assert.ok(
      held.length === EXPERT_IDS.length - 1 && held.every((e) => e.aborted),
      `the other experts' requests were aborted\n${describeLog(snapshot)}`,
    );
  });

  it('applies a fix in one click: the file changes, its diagnostic goes, the panel marks it fixed', async () => {
    const { workbench: wb } = session();
    const frame = await finishedReview(wb);
    const listed = await ourProblems(wb, (ps) => ps.some((p) => p.line === OFF_BY_ONE_LINE));
    assert.ok(
      listed.some((p) => p.message.includes(OFF_BY_ONE)),
      'the off-by-one is in Problems',
    );

    await frame.locator('[data-testid="finding"]', { hasText: OFF_BY_ONE }).getByTestId('finding-apply-fix').click();
    // One click applies the shown fix (checked against the current text) and says so, with Undo.
    const applied = await wb.waitForNotification(/Applied the fix/);
    assert.deepEqual(applied.buttons, ['Undo']);
    await wb.screenshot('firsthour-5-fix-applied-notice');
    await frame
      .locator(`[data-testid="finding"][data-resolved="true"]`, { hasText: OFF_BY_ONE })
      .waitFor({ timeout: 20_000 });
    const after = await ourProblems(wb, (ps) => ps.length > 0 && !ps.some((p) => p.line === OFF_BY_ONE_LINE));
    assert.ok(!after.some((p) => p.message.includes(OFF_BY_ONE)), 'the off-by-one left Problems');
    await wb.openFile(FILE);
    await wb.goToLine(OFF_BY_ONE_LINE);
    assert.match(await wb.visibleEditorText(), /i < orders\.length/);
    await wb.screenshot('firsthour-6-fix-applied');
  });
});
