// Our experts inside the editor's own chat (code-server 4.139 / VS Code 1.139), against the API
// simulator with the demo responder: `@experts /review` streams every expert into the chat and lands
// the findings in Problems; the model picker lists our models; `#experts` is offered as a tool
// reference; Stop in the chat aborts every request. The chat's AI features are on in this window only.
// Prompts go in through a test-only extension (fixtures/chat-driver) that runs
// `workbench.action.chat.open { query }`: typing into the chat input is unreliable in the browser.
// Only `@experts` prompts are sent: anything else opens the Copilot sign-in here.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { FIXTURES_DIR, useWorkbench, type Workbench } from '../harness/index.js';
import { describeLog, simulatorControl } from '../harness/simulatorControl.js';

const FILE = 'src/orders.ts';
const SOURCE = 'Claude Multi-Agent';

async function send(wb: Workbench, prompt: string, command = 'Chat Driver: Send prompt'): Promise<void> {
  await wb.runCommand(command);
  await wb.typeInQuickInput(prompt, { submit: true });
}

/** Everything the workbench shows as text (the chat sits in the secondary side bar). */
const pageText = (wb: Workbench): Promise<string> => wb.page.locator('.monaco-workbench').innerText();

async function waitForText(wb: Workbench, what: string, test: (text: string) => boolean, timeoutMs = 60_000): Promise<string> {
  return wb.step(what, timeoutMs, async () => {
    const deadline = Date.now() + timeoutMs - 1000;
    for (;;) {
      const text = await pageText(wb);
      if (test(text)) return text;
      if (Date.now() > deadline) throw new Error(`not shown; the workbench shows:\n${text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
}

describe('editor chat: @experts, tools and our models in the built-in chat', function () {
  const session = useWorkbench({
    name: 'editor-chat',
    simulator: { args: ['--control', 'on'] },
    settings: { 'chat.disableAIFeatures': false },
    extraExtensions: [join(FIXTURES_DIR, 'chat-driver')],
  });

  it('@experts /review streams every expert into the chat and lands the findings in Problems', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    await wb.openFile(FILE);
    // The chat runs a participant only with a model selected: ours, listed at activation, and
    // offered in agent mode (the default) because it declares tool calling.
    await send(wb, '@experts ', 'Chat Driver: Type prompt');
    await waitForText(wb, 'one of our models selected in the chat input', (t) => /Claude (Sonnet|Opus|Haiku) \d/.test(t), 60_000);
    await wb.screenshot('editor-chat-0-model-selected');
    await send(wb, '@experts /review');
    const text = await waitForText(wb, 'every expert and the synthesis in the chat', (t) => BUILTIN_EXPERTS.every((e) => new RegExp(`${e.name} \\(\\d+ findings?\\)`).test(t)) && /Synthesis/.test(t), 120_000);
    await wb.screenshot('editor-chat-1-review');
    assert.match(text, /estimated cost \$/);
    assert.match(text, /Open review panel/);
    const { log } = await sim.waitForIdle(BUILTIN_EXPERTS.length + 1);
    assert.equal(log.length, BUILTIN_EXPERTS.length + 1, describeLog({ log, inFlight: 0, maxConcurrent: 0, now: 0 }));
    assert.ok(log.every((e) => e.completed), 'every request completed');
    const problems = (await wb.problems({ minCount: 1 })).filter((p) => p.source === SOURCE);
    assert.ok(problems.length > 0 && problems.every((p) => p.file === 'orders.ts'), JSON.stringify(problems));
    await wb.screenshot('editor-chat-2-problems');
  });

  it('the model picker lists the models our key can use', async () => {
    const { workbench: wb } = session();
    await wb.runCommand('Chat Driver: Open model picker');
    await waitForText(wb, 'our models in the picker', (t) => /Claude Opus 5\.5/.test(t) && /Claude Haiku 5\.5/.test(t), 30_000);
    await wb.screenshot('editor-chat-3-model-picker');
    await wb.press('Escape');
  });

  it('#experts is offered as a tool reference in the chat input', async () => {
    const { workbench: wb } = session();
    await send(wb, '@experts #exper', 'Chat Driver: Type prompt');
    const suggest = wb.page.locator('.suggest-widget');
    await wb.step('the completion list to offer #experts', 30_000, async () => {
      const deadline = Date.now() + 29_000;
      for (;;) {
        if (!(await suggest.first().isVisible().catch(() => false))) await wb.press('Control+Space');
        const listed = await suggest.first().innerText().catch(() => '');
        if (/experts/.test(listed)) return;
        if (Date.now() > deadline) throw new Error(`listed: ${listed}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    });
    await wb.screenshot('editor-chat-4-tool-completion');
    await wb.press('Escape');
    // Leave the input empty for the next prompt.
    await wb.press('Control+a', 'Delete');
  });

  it('Stop in the chat aborts every request of the review', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    await sim.reset();
    await sim.configure({ timeToFirstTokenMs: 200, tokensPerSecond: 20, outputTokens: 4000 });
    try {
      await wb.openFile(FILE);
      await send(wb, '@experts /review');
      await sim.waitFor((l) => l.inFlight >= 2, 'experts streaming', 60_000);
      const stop = wb.page.locator('.interactive-input-part .codicon-stop-circle').first();
      if (await stop.isVisible().catch(() => false)) await stop.click();
      else await wb.runCommand('Chat Driver: Stop request');
      const { log } = await sim.waitForIdle(2, 15_000);
      assert.ok(log.filter((e) => !e.completed).every((e) => e.aborted), describeLog({ log, inFlight: 0, maxConcurrent: 0, now: 0 }));
      assert.ok(log.some((e) => e.aborted), 'at least one request was open when stopped');
      await wb.screenshot('editor-chat-5-stopped');
    } finally {
      await sim.restorePacing();
    }
  });
});
