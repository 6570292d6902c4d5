// The follow-up chat side view in a real workbench, against the API simulator: one thread per file that
// follows the editor, replies streamed in, threads kept across a window reload; and model output full of
// script-injection attempts (the demo responder's XSS probe) rendered inert in the real browser; Stop while a
// reply streams. What streamed is read from the chat's record of the messages it received, and Stop is
// clicked while the simulator holds the reply open: nothing depends on catching a moment on screen.
import assert from 'node:assert/strict';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Dialog, Frame } from 'playwright-core';
import type { ChatHostMessage } from '../../../src/shared/protocol';
import { XSS_PROBE_MARKER } from '../../support/demoResponder';
import { sleep, useWorkbench, type Workbench } from '../harness/index.js';
import { describeLog, lastUserTextOf, simulatorControl } from '../harness/simulatorControl.js';

const OPEN_CHAT = 'Claude Multi-Agent: Open follow-up chat';
const CHAT_TITLE = 'Follow-up chat';
const FIRST = 'src/orders.ts';
const SECOND = 'src/pagination.js';
const Q1 = 'Which function here builds SQL from user input?';
const Q2 = 'Is the page arithmetic right for the last page?';

const turns = (frame: Frame, role?: 'user' | 'assistant') =>
  frame.locator(role ? `[data-testid="chat-turn"][data-role="${role}"]` : '[data-testid="chat-turn"]');

/** Waits until the chat names `file` as its thread. */
async function waitForThread(wb: Workbench, frame: Frame, file: string): Promise<void> {
  await wb.step(`the chat thread to be about ${file}`, 20_000, async () => {
    await frame
      .locator('[data-testid="chat-thread-file"]', { hasText: new RegExp(`^${file.replace(/\./g, '\\.')}$`) })
      .waitFor({ timeout: 19_000 });
  });
}

/** The texts of the thread's turns, as [role, text]. */
async function thread(frame: Frame): Promise<Array<[string, string]>> {
  return turns(frame).evaluateAll((els: Element[]) =>
    els.map(
      (e) =>
        [
          e.getAttribute('data-role') ?? '',
          ((e.querySelector('[data-testid="chat-turn-text"]') as HTMLElement | null)?.innerText ?? '').trim(),
        ] as [string, string],
    ),
  );
}

/** The messages the chat view received from its first one on (its record; see Workbench.webviewMessages). */
const received = (wb: Workbench, frame: Frame) => wb.webviewMessages<ChatHostMessage>(frame);

/**
 * Types `question` into the composer and sends it; waits for the reply to complete (with a screenshot once
 * streamed text has arrived, when `screenshot` names one). Returns the reply's text and the messages the
 * view received meanwhile.
 */
async function ask(
  wb: Workbench,
  frame: Frame,
  question: string,
  opts: { screenshot?: string } = {},
): Promise<{ reply: string; messages: ChatHostMessage[] }> {
  const answered = await turns(frame, 'assistant').count();
  const before = (await received(wb, frame)).length;
  await frame.getByTestId('chat-input').fill(question);
  await frame.getByTestId('chat-send').click();
  if (opts.screenshot) {
    await wb.step('the reply to start streaming in', 30_000, async () => {
      while (!(await received(wb, frame)).slice(before).some((m) => m.type === 'chat/append')) await sleep(100);
    });
    await wb.screenshot(opts.screenshot);
  }
  const reply = turns(frame, 'assistant').nth(answered);
  await wb.step('the reply to complete', 60_000, async () => {
    await frame
      .locator('[data-testid="chat-turn"][data-role="assistant"][data-status="completed"]')
      .nth(answered)
      .waitFor({ timeout: 59_000 });
  });
  await frame.getByTestId('chat-send').waitFor({ state: 'visible' });
  return {
    reply: (await reply.getByTestId('chat-turn-text').innerText()).trim(),
    messages: (await received(wb, frame)).slice(before),
  };
}

/** Gives the editor the focus first (from the keyboard: a click can land on a widget over its text). */
async function openFile(wb: Workbench, file: string): Promise<void> {
  await wb.focusEditor();
  await wb.openFile(file);
}

describe('chat: follow-up chat side view', function () {
  const session = useWorkbench({ name: 'chat', simulator: { args: ['--control', 'on'] } });

  it('keeps one streamed thread per file, following the editor and surviving a window reload', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    // Replies long and slow enough (~2 s) to be seen streaming.
    await sim.configure({ outputTokens: 200, tokensPerSecond: 100 });
    try {
      await wb.openFile(FIRST);
      await wb.runCommand(OPEN_CHAT);
      let frame = await wb.webviewFrame(CHAT_TITLE);
      await waitForThread(wb, frame, FIRST);
      assert.equal(await turns(frame).count(), 0, 'a new thread');
      assert.equal(await frame.getByTestId('simulated-badge').isVisible(), true);
      await wb.screenshot('chat-1-open');

      const { reply: reply1, messages } = await ask(wb, frame, Q1, { screenshot: 'chat-2-streaming' });
      assert.match(reply1, /Simulated reply/);
      assert.ok(reply1.includes(Q1.slice(0, 40)), `the reply answers the question: ${reply1.slice(0, 200)}`);
      // It streamed: the view received the reply as several appended pieces, then the end of the turn.
      const kinds = messages.map((m) => m.type);
      const pieces = messages.flatMap((m) => (m.type === 'chat/append' ? [m.text] : []));
      const done = messages.findIndex((m) => m.type === 'chat/turnDone');
      assert.ok(pieces.length >= 2, `the reply arrived in pieces: ${kinds.join(', ')}`);
      assert.ok(done > kinds.lastIndexOf('chat/append'), `then the turn ended: ${kinds.join(', ')}`);
      assert.equal(messages[done]?.type === 'chat/turnDone' && messages[done].status, 'completed');
      assert.ok(pieces.join('').startsWith('Simulated reply'), pieces.join('').slice(0, 200));
      assert.deepEqual(
        (await thread(frame)).map(([role]) => role),
        ['user', 'assistant'],
      );
      await wb.screenshot('chat-3-answered');

      // The question went out with the open file in the (cached) system block.
      const { log } = await sim.waitForIdle(1);
      const request = log.at(-1)!;
      assert.equal(lastUserTextOf(request), Q1, describeLog({ log, inFlight: 0, maxConcurrent: 0, now: 0 }));
      assert.match(
        JSON.stringify(request.body?.['system']),
        /orders\.ts[\s\S]*ordersFor/,
        'the file is in the system block',
      );

      // Another file: another, fresh thread.
      await openFile(wb, SECOND);
      await waitForThread(wb, frame, SECOND);
      assert.equal(await turns(frame).count(), 0, 'a fresh thread for the second file');
      await wb.screenshot('chat-4-second-file');
      const { reply: reply2 } = await ask(wb, frame, Q2);
      assert.ok(reply2.includes(Q2.slice(0, 40)), reply2.slice(0, 200));
      const latest = (await sim.log()).log.at(-1)!;
      assert.equal(
        latest.body?.['messages'] && (latest.body['messages'] as unknown[]).length,
        1,
        'no history from the other file is sent',
      );
      assert.match(JSON.stringify(latest.body?.['system']), /pagination\.js/);

      // Reload: both threads come back.
      await wb.reloadWindow();
      await wb.runCommand(OPEN_CHAT);
      frame = await wb.webviewFrame(CHAT_TITLE);
      await waitForThread(wb, frame, SECOND);
      await wb.step("the second file's thread to be restored", 20_000, async () => {
        await turns(frame).nth(1).waitFor({ timeout: 19_000 });
      });
      assert.deepEqual(
        (await thread(frame)).map(([role, text]) => [role, role === 'user' ? text : text.slice(0, 15)]),
        [
          ['user', Q2],
          ['assistant', 'Simulated reply'],
        ],
      );
      await wb.screenshot('chat-5-after-reload');

      await openFile(wb, FIRST);
      await waitForThread(wb, frame, FIRST);
      await wb.step("the first file's thread to be shown", 20_000, async () => {
        await turns(frame).nth(1).waitFor({ timeout: 19_000 });
      });
      const first = await thread(frame);
      assert.deepEqual(
        first.map(([role]) => role),
        ['user', 'assistant'],
      );
      assert.equal(first[0]![1], Q1);
      assert.equal(first[1]![1], reply1);
      await wb.screenshot('chat-6-first-file-again');
    } finally {
      await sim.restorePacing();
    }
  });

  it('renders model output carrying script, event handlers, javascript: links and iframes inert', async () => {
    const { workbench: wb } = session();
    const dialogs: string[] = [];
    const onDialog = (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    };
    wb.page.on('dialog', onDialog);
    try {
      await wb.openFile(FIRST);
      await wb.runCommand(OPEN_CHAT);
      const frame = await wb.webviewFrame(CHAT_TITLE);
      await waitForThread(wb, frame, FIRST);
      // The question itself is hostile too: the user's own turn is shown as plain text.
      const question = `${XSS_PROBE_MARKER} <img src=x onerror="window.__xss='question'; alert('question')"> <script>window.__xss='question-script'</script>`;
      const { reply } = await ask(wb, frame, question);
      assert.match(reply, /XSS probe reply/, 'the probe reply arrived');
      assert.match(reply, /End of probe\./, 'the whole probe reply arrived');
      // Raw HTML in Markdown is shown as text, not parsed.
      assert.ok(reply.includes('<script>window.__xss = "script"'), reply);
      assert.ok(reply.includes('<img src=x onerror='), reply);
      const userTurn = turns(frame, 'user').last();
      assert.equal((await userTurn.getByTestId('chat-turn-text').innerText()).trim(), question);
      // Had the probe's <img src=x onerror=…> been rendered, its load would have failed and its handler run by
      // the time an image like it, loaded after it, has failed too.
      await frame.evaluate(`new Promise((resolve) => {
        const probe = new Image();
        probe.onerror = probe.onload = () => setTimeout(resolve, 0);
        probe.src = 'x';
      })`);
      await wb.screenshot('chat-7-xss-probe');

      const inDocument = (await frame.evaluate(`(() => {
        const turns = document.querySelector('[data-testid="chat-turns"]');
        const all = [...document.querySelectorAll('*')];
        return {
          scriptsInTurns: turns.querySelectorAll('script').length,
          scripts: [...document.querySelectorAll('script')].map((s) => ({
            src: s.getAttribute('src'),
            nonce: s.nonce !== '' || s.hasAttribute('nonce'),
            inline: s.textContent.trim().length,
            vscodeApi: s.textContent.includes('acquireVsCodeApi'),
            inHead: s.parentElement === document.head,
          })),
          dangerous: turns.querySelectorAll('iframe, frame, object, embed, img, svg, math, details, style, link, meta, base, form, input').length,
          iframes: document.querySelectorAll('iframe, frame').length,
          onAttributes: all.flatMap((e) => e.getAttributeNames().filter((n) => /^on/i.test(n)).map((n) => e.tagName + '[' + n + ']')),
          badHrefs: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
            .map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction'))
            .filter((v) => /^\\s*(javascript|data|vbscript):/i.test(v ?? '')),
          links: [...turns.querySelectorAll('a')].map((a) => a.getAttribute('href')),
          xss: typeof window.__xss === 'undefined' ? null : String(window.__xss),
        };
      })()`)) as {
        scriptsInTurns: number;
        scripts: Array<{ src: string | null; nonce: boolean; inline: number; vscodeApi: boolean; inHead: boolean }>;
        dangerous: number;
        iframes: number;
        onAttributes: string[];
        badHrefs: string[];
        links: Array<string | null>;
        xss: string | null;
      };
      const detail = JSON.stringify(inDocument);
      assert.equal(inDocument.scriptsInTurns, 0, detail);
      // The page's own script (nonce, from the extension) and the one VS Code injects into every webview's head
      // (it defines acquireVsCodeApi); nothing else.
      assert.ok(
        inDocument.scripts.every((s) => (s.nonce && s.src && s.inline === 0) || (s.inHead && s.vscodeApi && !s.src)),
        `only the page's own script and VS Code's webview script: ${detail}`,
      );
      assert.equal(inDocument.scripts.filter((s) => s.src).length, 1, detail);
      assert.equal(inDocument.dangerous, 0, detail);
      assert.equal(inDocument.iframes, 0, detail);
      assert.deepEqual(inDocument.onAttributes, [], detail);
      assert.deepEqual(inDocument.badHrefs, [], detail);
      assert.ok(
        inDocument.links.every((h) => h !== null && /^(https?:\/\/|#)/i.test(h)),
        detail,
      );
      assert.equal(inDocument.xss, null, detail);

      // Nor in the webview's host frame or the workbench page itself.
      const host = frame.parentFrame();
      if (host)
        assert.equal(await host.evaluate('typeof window.__xss === "undefined" ? null : String(window.__xss)'), null);
      assert.equal(await wb.page.evaluate('typeof window.__xss === "undefined" ? null : String(window.__xss)'), null);
      assert.deepEqual(dialogs, [], 'no dialog opened');
    } finally {
      wb.page.off('dialog', onDialog);
    }
  });

  it('Stop aborts the reply at once and keeps the text that arrived', async () => {
    const { workbench: wb } = session();
    const sim = simulatorControl(session());
    const question = 'Explain this file in great detail, please.';
    await sim.reset();
    // The reply streams a little and then the simulator holds it open (nothing more until the client closes
    // it): it is still streaming when Stop is clicked, however long the steps before take.
    await sim.fault({ kind: 'stall', afterTokens: 12, matchText: question });
    try {
      await wb.openFile(FIRST);
      await wb.runCommand(OPEN_CHAT);
      const frame = await wb.webviewFrame(CHAT_TITLE);
      await waitForThread(wb, frame, FIRST);
      const answered = await turns(frame, 'assistant').count();
      await frame.getByTestId('chat-input').fill(question);
      await frame.getByTestId('chat-send').click();
      await wb.step('the reply to stream in', 30_000, async () => {
        await frame
          .locator(
            '[data-testid="chat-turn"][data-role="assistant"][data-status="streaming"] [data-testid="chat-turn-text"]:not(:empty)',
          )
          .waitFor({ timeout: 29_000 });
      });
      assert.equal(await frame.getByTestId('chat-stop').isVisible(), true, 'Stop is offered while the reply streams');
      await frame.getByTestId('chat-stop').click();
      const stopped = turns(frame, 'assistant').nth(answered);
      await wb.step('the reply to be marked stopped', 20_000, async () => {
        await frame
          .locator('[data-testid="chat-turn"][data-role="assistant"][data-status="interrupted"]')
          .nth(0)
          .waitFor({ timeout: 19_000 });
      });
      const kept = (await stopped.getByTestId('chat-turn-text').innerText()).trim();
      assert.match(kept, /^Simulated reply/, 'the partial text stays');
      await wb.screenshot('chat-8-stopped');
      const snapshot = await sim.waitForIdle(undefined, 5000);
      const last = snapshot.log.at(-1)!;
      assert.equal(last.aborted, true, `the request was aborted\n${describeLog(snapshot)}`);
      await frame.getByTestId('chat-send').waitFor({ state: 'visible' });
    } finally {
      await sim.restorePacing();
    }
  });
});
