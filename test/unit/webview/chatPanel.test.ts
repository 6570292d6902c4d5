import assert from 'node:assert/strict';
import type { ChatHostMessage, ChatWebviewMessage } from '../../../src/shared/protocol';
import { mountChat, type ChatPanel } from '../../../src/webview/chat/chatApp';
import type { ChatState } from '../../../src/webview/chat/chatState';
import { allByTestId, byTestId, click, createPage, FakeVsCodeApi, key, ManualFrames } from './helpers';

const thread: ChatHostMessage = {
  type: 'chat/thread',
  threadKey: 'file:///src/a.ts',
  fileLabel: 'src/a.ts',
  turns: [
    { role: 'user', text: 'Why <b>this</b>?' },
    { role: 'assistant', text: 'Because **reasons**.\n\n```ts\nfix();\n```', status: 'completed' },
  ],
  notice: '3 older turns are no longer sent',
  simulated: true,
};

describe('webview: chat view', () => {
  let panels: ChatPanel[] = [];
  afterEach(() => {
    for (const p of panels) p.dispose();
    panels = [];
  });

  function mount(initialState?: ChatState) {
    const page = createPage();
    const api = new FakeVsCodeApi<ChatWebviewMessage, ChatState>(initialState);
    const frames = new ManualFrames();
    const panel = mountChat(page.root, { win: page.win, api, frames, now: () => 0 });
    panels.push(panel);
    const input = byTestId(page.root, 'chat-input') as HTMLTextAreaElement;
    return { ...page, api, frames, panel, input };
  }

  it('explains how to start when there is no file', () => {
    const { root, panel } = mount();
    assert.equal(byTestId(root, 'chat-empty').hidden, false);
    panel.handle({ type: 'chat/thread', threadKey: undefined, fileLabel: undefined, turns: [], simulated: false });
    assert.equal(byTestId(root, 'chat-empty').hidden, false);
    assert.equal(byTestId(root, 'chat-thread-file').closest('[hidden]') !== null, true);
  });

  it('shows the thread: file, notice, badge, and turns (user text as typed, answers as Markdown)', () => {
    const { root, panel } = mount();
    panel.handle(thread);
    assert.equal(byTestId(root, 'chat-thread-file').textContent, 'src/a.ts');
    assert.equal(byTestId(root, 'chat-empty').hidden, true);
    assert.equal(byTestId(root, 'chat-notice').textContent, '3 older turns are no longer sent');
    assert.equal(byTestId(root, 'simulated-badge').hidden, false);
    const turns = allByTestId(root, 'chat-turn');
    assert.deepEqual(
      turns.map((t) => t.dataset['role']),
      ['user', 'assistant'],
    );
    assert.equal(turns[0]!.querySelector('b'), null);
    assert.equal(byTestId(turns[0]!, 'chat-turn-text').textContent, 'Why <b>this</b>?');
    assert.equal(turns[1]!.querySelector('strong')?.textContent, 'reasons');
    assert.equal(allByTestId(turns[1]!, 'code-insert').length, 1);
  });

  it('sends on Enter, not on Shift+Enter, and never sends an empty message', () => {
    const { root, panel, api, input, win } = mount();
    panel.handle(thread);
    input.value = '   ';
    key(win, input, 'Enter');
    input.value = 'line one';
    const shifted = key(win, input, 'Enter', { shiftKey: true });
    assert.equal(shifted.defaultPrevented, false, 'Shift+Enter inserts a newline');
    assert.deepEqual(api.posted, []);
    input.value = 'line one\nline two';
    const sent = key(win, input, 'Enter');
    assert.equal(sent.defaultPrevented, true);
    assert.deepEqual(api.posted, [{ type: 'send', text: 'line one\nline two' }]);
    assert.equal(input.value, '');
    const last = allByTestId(root, 'chat-turn').at(-1)!;
    assert.equal(last.dataset['role'], 'user');
    assert.equal(byTestId(last, 'chat-turn-text').textContent, 'line one\nline two');
  });

  it('sends with the Send button too', () => {
    const { root, panel, api, input, win } = mount();
    panel.handle(thread);
    input.value = 'hello';
    click(win, byTestId(root, 'chat-send'));
    assert.deepEqual(api.posted, [{ type: 'send', text: 'hello' }]);
  });

  it('toggles Send/Stop with busy; Escape and Stop stop; Enter does not send while busy', () => {
    const { root, panel, api, input, win } = mount();
    panel.handle(thread);
    const send = byTestId(root, 'chat-send');
    const stop = byTestId(root, 'chat-stop');
    assert.deepEqual([send.hidden, stop.hidden], [false, true]);
    panel.handle({ type: 'chat/busy', busy: true });
    assert.deepEqual([send.hidden, stop.hidden], [true, false]);
    input.value = 'queued question';
    key(win, input, 'Enter');
    key(win, input, 'Escape');
    click(win, stop);
    assert.deepEqual(api.posted, [{ type: 'stop' }, { type: 'stop' }]);
    assert.equal(input.value, 'queued question', 'what was typed is kept');
    panel.handle({ type: 'chat/busy', busy: false });
    assert.deepEqual([send.hidden, stop.hidden], [false, true]);
    key(win, input, 'Escape');
    assert.equal(api.posted.length, 2, 'Escape does nothing when idle');
  });

  it('streams an answer and marks it when interrupted, keeping the partial text', () => {
    const { root, panel, frames } = mount();
    panel.handle(thread);
    panel.handle({ type: 'chat/append', text: 'Partial ' });
    panel.handle({ type: 'chat/append', text: '**answer**' });
    let turns = allByTestId(root, 'chat-turn');
    assert.equal(turns.length, 3);
    const answer = turns[2]!;
    assert.equal(answer.dataset['role'], 'assistant');
    assert.equal(answer.dataset['status'], 'streaming');
    frames.runFrame();
    assert.equal(answer.querySelector('strong')?.textContent, 'answer');
    assert.equal(byTestId(answer, 'chat-turn-marker').hidden, true);
    panel.handle({ type: 'chat/turnDone', status: 'interrupted' });
    turns = allByTestId(root, 'chat-turn');
    assert.equal(turns.length, 3);
    assert.equal(answer.dataset['status'], 'interrupted');
    assert.equal(byTestId(answer, 'chat-turn-text').textContent?.trim(), 'Partial answer');
    assert.match(byTestId(answer, 'chat-turn-marker').textContent!, /Interrupted/);
    assert.equal(byTestId(root, 'live-region').textContent, 'Answer interrupted');
  });

  it('shows a failure even when no text arrived', () => {
    const { root, panel } = mount();
    panel.handle(thread);
    panel.handle({ type: 'chat/turnDone', status: 'failed', note: 'network error' });
    const last = allByTestId(root, 'chat-turn').at(-1)!;
    assert.equal(last.dataset['role'], 'assistant');
    assert.equal(byTestId(last, 'chat-turn-marker').textContent, 'Failed: network error');
  });

  it('starts a new answer after a finished one', () => {
    const { root, panel } = mount();
    panel.handle(thread);
    panel.handle({ type: 'chat/append', text: 'one' });
    panel.handle({ type: 'chat/turnDone', status: 'completed' });
    panel.handle({ type: 'chat/append', text: 'two' });
    assert.equal(allByTestId(root, 'chat-turn').length, 4);
  });

  it('"Ask a follow-up" lands in the composer, focused, and is sent only when the user sends it', () => {
    const { root, panel, api, win } = mount();
    panel.handle(thread);
    panel.handle({ type: 'chat/compose', text: '> **SQL injection** (line 7)\n\nHow do I fix it?' });
    const input = byTestId(root, 'chat-input') as HTMLTextAreaElement;
    assert.equal(input.value, '> **SQL injection** (line 7)\n\nHow do I fix it?');
    assert.equal(win.document.activeElement, input);
    assert.equal(api.posted.filter((m) => m.type === 'send').length, 0);
  });

  it('updates and clears the notice', () => {
    const { root, panel } = mount();
    panel.handle(thread);
    panel.handle({ type: 'chat/notice', notice: '5 older turns are no longer sent' });
    assert.equal(byTestId(root, 'chat-notice').textContent, '5 older turns are no longer sent');
    panel.handle({ type: 'chat/notice', notice: undefined });
    assert.equal(byTestId(root, 'chat-notice').hidden, true);
  });

  it('posts newThread, insertCode and copyText', () => {
    const { root, panel, api, win } = mount();
    panel.handle(thread);
    click(win, byTestId(root, 'chat-new-thread'));
    click(win, byTestId(root, 'code-insert'));
    click(win, byTestId(root, 'code-copy'));
    assert.deepEqual(api.posted, [
      { type: 'newThread' },
      { type: 'insertCode', code: 'fix();\n' },
      { type: 'copyText', text: 'fix();\n' },
    ]);
  });

  it('restores turns and the unsent draft, but not a stale busy state', () => {
    const first = mount();
    first.panel.handle(thread);
    first.panel.handle({ type: 'chat/busy', busy: true });
    first.input.value = 'half-typed';
    first.input.dispatchEvent(new (first.win as unknown as typeof globalThis).Event('input', { bubbles: true }));
    first.panel.handle({ type: 'chat/turnDone', status: 'completed' });
    const saved = first.api.state!;
    const second = mount(saved);
    assert.equal(allByTestId(second.root, 'chat-turn').length, 3);
    assert.equal(second.input.value, 'half-typed');
    assert.equal(byTestId(second.root, 'chat-send').hidden, false);
    assert.equal(byTestId(second.root, 'chat-thread-file').textContent, 'src/a.ts');
  });

  it('labels its controls for assistive technology', () => {
    const { root, input } = mount();
    assert.ok(root.querySelector(`label[for="${input.id}"]`));
    for (const id of ['chat-send', 'chat-stop', 'chat-new-thread']) {
      const b = byTestId(root, id);
      assert.equal(b.tagName, 'BUTTON');
      assert.ok(b.getAttribute('aria-label') || b.textContent);
    }
  });
});
