// Our experts inside the editor's own chat (code-server 4.139 / VS Code 1.139), against the API
// simulator with the demo responder: `@experts /review` streams every expert into the chat and lands
// the findings in Problems; the model picker lists our models and one of them answers; `#experts` is
// offered as a tool reference and the tool returns findings; Stop in the chat aborts every request.
// The chat's AI features are on in this window only. Prompts go in through a test-only extension
// (fixtures/chat-driver) that runs `workbench.action.chat.open { query }`, since typing into the chat
// input is unreliable in the browser. Only `@experts` prompts go to the chat: anything else opens the
// Copilot sign-in here, so the plain turn with our model goes through `vscode.lm` from the driver.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { FIXTURES_DIR, RESULTS_DIR, useWorkbench, type Workbench } from '../harness/index.js';
import {
  describeLog,
  expertMatch,
  expertOf,
  lastUserTextOf,
  simulatorControl,
  type RequestLogEntry,
} from '../harness/simulatorControl.js';

const FILE = 'src/orders.ts';
const SOURCE = 'Claude Multi-Agent';
const CHAT = '.interactive-session';

async function send(wb: Workbench, prompt: string, command = 'Chat Driver: Send prompt'): Promise<void> {
  await wb.runCommand(command);
  await wb.typeInQuickInput(prompt, { submit: true });
}

/** The chat's text, including steps folded under "Completed N steps" (textContent, not innerText). */
const chatText = (wb: Workbench): Promise<string> =>
  wb.page
    .locator(CHAT)
    .first()
    .evaluate((el: Element) => el.textContent ?? '')
    .catch(() => '');

/** What the workbench shows as text (pickers and notifications included). */
const shownText = (wb: Workbench): Promise<string> => wb.page.locator('.monaco-workbench').innerText();

/** What the chat driver reported (its output channel: the notification it also shows hides itself). */
const driverReports = (wb: Workbench): Promise<string> => wb.readOutputChannel('Chat Driver');

/** Answers a modal dialog (a tool's confirmation, language-model access) with its positive button; returns its text. */
async function answerDialog(wb: Workbench): Promise<string | undefined> {
  const dialog = wb.page.locator('.monaco-dialog-box');
  if (!(await dialog.isVisible().catch(() => false))) return undefined;
  const text = await dialog.innerText();
  const buttons = dialog.locator('.monaco-button');
  const labels = await buttons.allInnerTexts();
  const yes = labels.findIndex((l) => /^(yes|allow|continue|ok|run|confirm)\b/i.test(l.trim()));
  await buttons.nth(yes >= 0 ? yes : 0).click();
  return text;
}

/** Polls `read` until `test` passes, answering dialogs meanwhile (kept in `dialogs`). */
async function waitFor(
  wb: Workbench,
  what: string,
  read: () => Promise<string>,
  test: (text: string) => boolean,
  timeoutMs: number,
  dialogs: string[] = [],
): Promise<string> {
  return wb.step(what, timeoutMs, async () => {
    const deadline = Date.now() + timeoutMs - 1000;
    for (;;) {
      const answered = await answerDialog(wb);
      if (answered) dialogs.push(answered);
      const text = await read();
      if (test(text)) return text;
      if (Date.now() > deadline) throw new Error(`not shown; found:\n${text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
}

/** The review's own requests (experts, synthesis): its verifiers, on by default for critical and high findings, apart. */
const messageRequests = (log: RequestLogEntry[]) =>
  log.filter((e) => e.stream && !JSON.stringify(e.body ?? {}).includes('<verification-request>'));

describe('editor chat: @experts, tools and our models in the built-in chat', function () {
  const session = useWorkbench({
    name: 'editor-chat',
    simulator: { args: ['--control', 'on'] },
    settings: { 'chat.disableAIFeatures': false },
    extraExtensions: [join(FIXTURES_DIR, 'chat-driver')],
  });

  // The chat's DOM and the whole page's text, to investigate a failure without guessing; no picker left open.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const { workbench: wb } = session();
    mkdirSync(RESULTS_DIR, { recursive: true });
    const name = this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    const chat = await wb.page
      .locator(CHAT)
      .first()
      .evaluate((el: Element) => el.outerHTML)
      .catch((err: unknown) => `(no chat: ${String(err)})`);
    writeFileSync(join(RESULTS_DIR, `editor-chat-FAILED-${name}.chat.html`), chat);
    writeFileSync(
      join(RESULTS_DIR, `editor-chat-FAILED-${name}.page.txt`),
      await shownText(wb).catch((err: unknown) => String(err)),
    );
    await wb.press('Escape', 'Escape').catch(() => undefined);
  });

  it('@experts /review streams every expert into the chat and lands the findings in Problems', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    // Slow enough that the experts stream for a while, as they would against the API.
    await sim.configure({ tokensPerSecond: 200 });
    try {
      await wb.openFile(FILE);
      // The chat runs a participant only with a model selected: ours, listed at activation.
      await send(wb, '@experts ', 'Chat Driver: Type prompt');
      await waitFor(
        wb,
        'one of our models selected in the chat input',
        () => shownText(wb),
        (t) => /Claude (Sonnet|Opus|Haiku) \d/.test(t),
        60_000,
      );
      await wb.screenshot('editor-chat-0-model-selected');
      await send(wb, '@experts /review');
      const done = (t: string) =>
        BUILTIN_EXPERTS.every((e) => new RegExp(`${e.name} \\(\\d+ findings?\\)`).test(t)) &&
        /Synthesis/.test(t) &&
        /Open review panel/.test(t) &&
        /Completed \d+ steps/.test(t);
      const text = await waitFor(wb, 'every expert and the synthesis in the chat', () => chatText(wb), done, 120_000);
      await wb.screenshot('editor-chat-1-review');
      // Each expert's progress ("Security: streaming", "…: done") is shown while it is the latest line and
      // then dropped: the finished response keeps only their count ("Completed N steps"), which is read instead
      // of trying to catch each line on screen. Two a section at least (streaming, done), for every expert and
      // the synthesis; that every expert streamed its whole reply is read from the simulator's log below.
      const steps = Number(/Completed (\d+) steps/.exec(text)?.[1] ?? 0);
      assert.ok(steps >= 2 * (BUILTIN_EXPERTS.length + 1), `the response reported its progress: ${steps} steps`);
      assert.match(text, /estimated cost \$/);
      const { log } = await sim.waitForIdle(BUILTIN_EXPERTS.length + 1);
      const requests = messageRequests(log);
      assert.equal(
        requests.length,
        BUILTIN_EXPERTS.length + 1,
        describeLog({ log, inFlight: 0, maxConcurrent: 0, now: 0 }),
      );
      assert.ok(
        requests.every((e) => e.completed && e.streamedTokens > 0 && (e.firstTokenAt ?? 0) < (e.endedAt ?? 0)),
        `every request streamed its reply to the end\n${describeLog({ log, inFlight: 0, maxConcurrent: 0, now: 0 })}`,
      );
      const problems = (await wb.problems({ minCount: 1 })).filter((p) => p.source === SOURCE);
      assert.ok(problems.length > 0 && problems.every((p) => p.file === 'orders.ts'), JSON.stringify(problems));
      await wb.screenshot('editor-chat-2-problems');
    } finally {
      await sim.restorePacing();
    }
  });

  it('the model picker lists our models, and a chat turn with one streams the simulator answer', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    // The picker belongs to the chat's input: open the chat first (each test starts with it closed).
    await send(wb, '@experts ', 'Chat Driver: Type prompt');
    await wb.page.locator('.interactive-input-part').first().waitFor({ timeout: 15_000 });
    await wb.runCommand('Chat Driver: Open model picker');
    // The picker shows the selected model and folds the rest under "Other Models": search lists ours.
    const search = wb.page.getByPlaceholder('Search models');
    await search.waitFor({ timeout: 15_000 });
    await search.fill('5.5');
    const rows = await waitFor(
      wb,
      'our models in the picker',
      () =>
        wb.page
          .locator('.action-widget')
          .first()
          .innerText()
          .catch(() => ''),
      (t) => ['Sonnet', 'Opus', 'Haiku'].every((m) => new RegExp(`Claude ${m} 5\\.5`).test(t)),
      30_000,
    );
    assert.match(rows, /Claude Multi-Agent \(simulated\)/, 'listed under our provider');
    await wb.screenshot('editor-chat-3-model-picker');
    await search.fill('Claude Sonnet 5.5');
    await wb.press('Enter');
    await waitFor(
      wb,
      'Claude Sonnet 5.5 selected for the chat',
      () =>
        wb.page
          .locator('.interactive-input-part')
          .first()
          .innerText()
          .catch(() => ''),
      (t) => /Claude Sonnet 5\.5/.test(t),
      15_000,
    );

    await sim.reset();
    await wb.runCommand('Chat Driver: Ask our model');
    await wb.typeInQuickInput('Say hello from the model picker', { submit: true });
    const shown = await waitFor(
      wb,
      'the answer of our model',
      () => driverReports(wb),
      (t) => /Chat Driver: (Claude Sonnet 5\.5 answered|our model failed)/.test(t),
      60_000,
    );
    await wb.screenshot('editor-chat-4-model-answer');
    const answer = /Claude Sonnet 5\.5 answered in (\d+) chunks: (.+)/.exec(shown);
    assert.ok(answer, shown.slice(-2000));
    assert.ok(Number(answer[1]) > 0 && answer[2]!.trim().length > 0, answer[0]);
    const requests = messageRequests((await sim.waitForIdle(1)).log);
    assert.equal(requests.length, 1, describeLog({ log: requests, inFlight: 0, maxConcurrent: 0, now: 0 }));
    assert.equal(requests[0]!.model, 'claude-sonnet-5-5');
    assert.equal(lastUserTextOf(requests[0]!), 'Say hello from the model picker');
    assert.ok(requests[0]!.completed);
  });

  it('#experts is offered in the chat input, and the review tool returns findings', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await send(wb, '@experts #exper', 'Chat Driver: Type prompt');
    const suggest = wb.page.locator('.suggest-widget');
    await wb.step('the completion list to offer #experts', 30_000, async () => {
      const deadline = Date.now() + 29_000;
      for (;;) {
        if (
          !(await suggest
            .first()
            .isVisible()
            .catch(() => false))
        )
          await wb.press('Control+Space');
        const listed = await suggest
          .first()
          .innerText()
          .catch(() => '');
        if (/experts/.test(listed)) return;
        if (Date.now() > deadline) throw new Error(`listed: ${listed}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    });
    await wb.screenshot('editor-chat-5-tool-completion');
    await wb.press('Escape');
    await wb.press('Control+a', 'Delete');

    await sim.reset();
    const dialogs: string[] = [];
    await wb.runCommand('Chat Driver: Invoke review tool');
    await wb.typeInQuickInput(FILE, { submit: true });
    const shown = await waitFor(
      wb,
      'the review tool result',
      () => driverReports(wb),
      (t) => /Chat Driver: (tool listed|the review tool failed)/.test(t),
      120_000,
      dialogs,
    );
    await wb.screenshot('editor-chat-6-tool-result');
    const result = /tool listed (\w+), status (\w+), (\d+) findings: (.*)/.exec(shown);
    assert.ok(result, shown.slice(-2000));
    assert.equal(result[1], 'true', 'the tool is listed in vscode.lm.tools');
    assert.equal(result[2], 'completed');
    assert.ok(Number(result[3]) > 0 && result[4]!.includes(`${FILE}:`), result[0]);
    assert.ok(
      dialogs.some((d) => d.includes(FILE) && /will be sent to Anthropic/.test(d) && /Estimate: \d+ experts?/.test(d)),
      `the confirmation said what is sent and the estimate: ${JSON.stringify(dialogs)}`,
    );
    assert.equal(
      messageRequests((await sim.waitForIdle(BUILTIN_EXPERTS.length + 1)).log).length,
      BUILTIN_EXPERTS.length + 1,
    );

    // A path outside the workspace (`..`) is refused, not reviewed with its own folder as root.
    const { profile } = session();
    writeFileSync(join(profile.workspace, '..', 'outside-notes.ts'), 'export const outside = 1;\n');
    await sim.reset();
    await wb.runCommand('Chat Driver: Invoke review tool');
    await wb.typeInQuickInput('../outside-notes.ts', { submit: true });
    const refused = await waitFor(
      wb,
      'the review tool refusal',
      () => driverReports(wb),
      (t) => /Chat Driver: the review tool failed: .*outside-notes/.test(t) || /tool listed .*outside-notes/.test(t),
      120_000,
      [],
    );
    assert.match(
      refused,
      /the review tool failed: .*Refused: \.\.\/outside-notes\.ts is outside the workspace folders/,
    );
    assert.equal(messageRequests((await sim.log()).log).length, 0, 'nothing was sent');
  });

  it('"Stop one expert…" in the chat stops the expert picked, and the others finish', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    const victim = BUILTIN_EXPERTS[1]!;
    // The expert to stop streams a little and then the simulator holds its stream open until the client
    // closes it: it is still running when it is picked, however long the steps before take.
    await sim.fault({ kind: 'stall', afterTokens: 8, matchText: expertMatch(victim.id) });
    // The review's progress notification would sit over the chat: no toasts meanwhile.
    await wb.runCommand('Notifications: Toggle Do Not Disturb Mode');
    try {
      await wb.openFile(FILE);
      await send(wb, '@experts /review');
      await sim.waitFor(
        (l) => l.log.some((e) => expertOf(e) === victim.id && e.streamedTokens > 0),
        `${victim.name} streaming`,
        60_000,
      );
      // This run's response, not an earlier review's (the chat's list rows are not in DOM order): it has no "Open review panel" yet.
      const running = wb.page
        .locator(`${CHAT} .monaco-list-row`)
        .filter({ hasText: 'Stop one expert' })
        .filter({ hasNotText: 'Open review panel' });
      await running.locator('.monaco-button', { hasText: 'Stop one expert' }).first().click({ timeout: 15_000 });
      await wb.step('the pick of running experts', 15_000, () =>
        wb.quickInput
          .locator('.quick-input-list .monaco-list-row', { hasText: victim.name })
          .first()
          .waitFor({ timeout: 14_000 }),
      );
      await wb.typeInQuickInput(victim.name, { submit: true });
      const { log } = await sim.waitForIdle(BUILTIN_EXPERTS.length + 1, 120_000);
      const requests = messageRequests(log);
      const aborted = requests.filter((e) => e.aborted);
      assert.equal(
        aborted.length,
        1,
        `one request stopped: ${describeLog({ log, inFlight: 0, maxConcurrent: 0, now: 0 })}`,
      );
      assert.ok(
        lastUserTextOf(aborted[0]!).includes(victim.name) || JSON.stringify(aborted[0]!.body).includes(victim.name),
        'the stopped request is the picked expert’s',
      );
      assert.equal(
        requests.filter((e) => e.completed).length,
        requests.length - 1,
        'every other request (the other experts and the synthesis) completed',
      );
      await waitFor(
        wb,
        'the synthesis in the chat',
        () => chatText(wb),
        (t) => /Synthesis/.test(t) && /Open review panel/.test(t),
        60_000,
      );
      await wb.screenshot('editor-chat-6-one-expert-stopped');
    } finally {
      await wb.runCommand('Notifications: Toggle Do Not Disturb Mode');
      await sim.restorePacing();
    }
  });

  it('Stop in the chat aborts every request of the review', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    // Every expert streams a little and then the simulator holds its stream open until the client closes it:
    // all are open when Stop is clicked, however long the steps before take.
    for (const e of BUILTIN_EXPERTS) await sim.fault({ kind: 'stall', afterTokens: 8, matchText: expertMatch(e.id) });
    // The review's progress notification would sit over the chat's Stop button: no toasts meanwhile.
    await wb.runCommand('Notifications: Toggle Do Not Disturb Mode');
    try {
      await wb.openFile(FILE);
      await send(wb, '@experts /review');
      await sim.waitFor(
        (l) => messageRequests(l.log).filter((e) => e.streamedTokens > 0).length === BUILTIN_EXPERTS.length,
        'every expert streaming',
        60_000,
      );
      await wb.page.locator('.interactive-input-part .codicon-stop-circle').first().click({ timeout: 15_000 });
      const { log } = await sim.waitForIdle(BUILTIN_EXPERTS.length, 15_000);
      const requests = messageRequests(log);
      assert.ok(
        requests.length === BUILTIN_EXPERTS.length && requests.every((e) => e.aborted),
        `every expert's request was aborted, and nothing else was sent\n${describeLog({ log, inFlight: 0, maxConcurrent: 0, now: 0 })}`,
      );
      await wb.screenshot('editor-chat-7-stopped');
    } finally {
      await wb.runCommand('Notifications: Toggle Do Not Disturb Mode');
      await sim.restorePacing();
    }
  });
});
