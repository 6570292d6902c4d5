// The one host side of every webview: ready/replay, validation of what the page sends, no post after
// dispose, listeners released. Driven through a stand-in page that records what it receives.
import assert from 'node:assert/strict';
import { WebviewHost, type HostedWebview } from '../../../src/extension/webview/webviewHost';
import { parseChatMessage, type ChatWebviewMessage } from '../../../src/shared/protocol';

type Listener = (value: unknown) => void;

function emitter() {
  const listeners = new Set<Listener>();
  return {
    event: (listener: Listener) => {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    fire: (value?: unknown) => [...listeners].forEach((l) => l(value)),
    get size() {
      return listeners.size;
    },
  };
}

class Page {
  readonly received: unknown[] = [];
  readonly messages = emitter();
  postCalls = 0;
  readonly webview = {
    html: '',
    options: {},
    postMessage: (m: unknown) => {
      this.postCalls++;
      this.received.push(structuredClone(m));
      return Promise.resolve(true);
    },
    onDidReceiveMessage: this.messages.event,
  } as unknown as HostedWebview;
  send(message: unknown): void {
    this.messages.fire(message);
  }
}

type Item = { type: 'reset' } | { type: 'item'; value: string };

/** An owner whose page shows a list: it posts each new item, and replays the list on `ready`. */
class ListOwner {
  readonly items: string[] = [];
  readonly handled: ChatWebviewMessage[] = [];
  readonly invalid: string[] = [];
  readonly errors: unknown[] = [];
  readonly visibility = { visible: true, changed: emitter() };
  readonly closed = emitter();
  closedCalls = 0;
  readonly host: WebviewHost<Item, ChatWebviewMessage>;

  constructor(
    readonly page: Page,
    onMessage: (m: ChatWebviewMessage) => void | Promise<void> = () => undefined,
  ) {
    const visibility = this.visibility;
    this.host = new WebviewHost<Item, ChatWebviewMessage>({
      webview: page.webview,
      content: { html: '<html>page</html>', options: { enableScripts: true } },
      parse: parseChatMessage,
      onMessage: (m) => {
        this.handled.push(m);
        return onMessage(m);
      },
      replay: () => {
        this.host.post({ type: 'reset' });
        for (const value of this.items) this.host.post({ type: 'item', value });
      },
      tornDownWhenHidden: {
        get visible() {
          return visibility.visible;
        },
        onDidChangeVisibility: this.visibility.changed.event as never,
      },
      onDidDispose: { event: this.closed.event as never, then: () => this.closedCalls++ },
      onInvalid: (what) => this.invalid.push(what),
      onError: (err) => this.errors.push(err),
    });
  }

  add(value: string): void {
    this.items.push(value);
    this.host.post({ type: 'item', value });
  }

  hide(): void {
    this.visibility.visible = false;
    this.visibility.changed.fire();
  }
}

/** What the page shows after applying every message it received, in order. */
const shown = (page: Page): string[] =>
  page.received.reduce<string[]>(
    (list, m) => ((m as Item).type === 'reset' ? [] : [...list, (m as { value: string }).value]),
    [],
  );
const values = (page: Page): string[] =>
  page.received.filter((m) => (m as Item).type === 'item').map((m) => (m as { value: string }).value);

describe('extension: the webview host', () => {
  it('sets the page, and sends what was posted before `ready` once, through the replay, in order', () => {
    const page = new Page();
    const owner = new ListOwner(page);
    assert.equal(page.webview.html, '<html>page</html>');
    assert.deepEqual(page.webview.options, { enableScripts: true });

    owner.add('a');
    owner.add('b');
    assert.equal(page.postCalls, 0, 'nothing reaches a page that has not said ready');
    assert.equal(owner.host.isLive, false);

    page.send({ type: 'ready' });
    owner.add('c');
    assert.deepEqual(page.received, [
      { type: 'reset' },
      { type: 'item', value: 'a' },
      { type: 'item', value: 'b' },
      { type: 'item', value: 'c' },
    ]);
    assert.deepEqual(values(page), ['a', 'b', 'c'], 'none lost, none repeated');
    assert.equal(owner.handled.length, 0, '`ready` is the host’s, not the owner’s');
  });

  it('replays on every `ready` (a reloaded page starts from nothing)', () => {
    const page = new Page();
    const owner = new ListOwner(page);
    page.send({ type: 'ready' });
    owner.add('a');
    page.send({ type: 'ready' });
    owner.add('b');
    assert.deepEqual(shown(page), ['a', 'b']);
    assert.equal(page.received.filter((m) => (m as Item).type === 'reset').length, 2);
  });

  it('holds back what is posted while a torn-down view is hidden, and replays it when the view is back', () => {
    const page = new Page();
    const owner = new ListOwner(page);
    page.send({ type: 'ready' });
    owner.add('a');
    owner.hide();
    owner.add('b');
    assert.equal(owner.host.post({ type: 'item', value: 'direct' }), false, 'post says it did not reach the page');
    const before = page.postCalls;
    assert.equal(before, 2, 'nothing is sent to a torn-down page');
    owner.visibility.visible = true;
    owner.visibility.changed.fire();
    assert.equal(page.postCalls, before, 'shown again, the page has not loaded yet');
    page.send({ type: 'ready' });
    assert.deepEqual(shown(page), ['a', 'b']);
  });

  it('rejects every message the protocol does not know, naming only its type', async () => {
    const page = new Page();
    const owner = new ListOwner(page);
    const secret = 'model output that must not reach a log';
    for (const bad of [
      { type: 'bogus', text: secret },
      { type: 'send', text: 42 },
      { type: 'send', text: 'hi', extra: secret },
      { type: 'send' },
      'ready',
      null,
      [{ type: 'ready' }],
      { type: 'send', text: 'x'.repeat(200_001) },
    ])
      page.send(bad);
    assert.deepEqual(owner.handled, []);
    assert.equal(page.postCalls, 0, 'no replay either');
    assert.equal(owner.invalid.length, 8);
    assert.ok(!owner.invalid.join(' ').includes(secret), owner.invalid.join(' '));
    assert.deepEqual(owner.invalid.slice(0, 2), ['type "bogus"', 'type "send"']);
    assert.deepEqual(owner.invalid.slice(4, 7), ['string', 'null', 'an array']);

    page.send({ type: 'send', text: 'hello' });
    assert.deepEqual(owner.handled, [{ type: 'send', text: 'hello' }]);
    await Promise.resolve();
  });

  it('reports a handler that throws or rejects, and goes on', async () => {
    const page = new Page();
    const owner = new ListOwner(page, (m) => {
      if (m.type === 'stop') throw new Error('sync failure');
      if (m.type === 'newThread') return Promise.reject(new Error('async failure'));
      return undefined;
    });
    page.send({ type: 'stop' });
    page.send({ type: 'newThread' });
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      owner.errors.map((e) => (e as Error).message),
      ['sync failure', 'async failure'],
    );
    page.send({ type: 'ready' });
    assert.equal(owner.host.isLive, true);
  });

  it('never posts after the panel closed, and lets go of every listener', () => {
    const page = new Page();
    const owner = new ListOwner(page);
    page.send({ type: 'ready' });
    owner.add('a');
    assert.equal(page.messages.size, 1);
    owner.closed.fire();
    assert.equal(owner.closedCalls, 1);
    assert.equal(owner.host.isDisposed, true);
    const calls = page.postCalls;
    owner.add('b');
    assert.equal(owner.host.post({ type: 'reset' }), false);
    assert.equal(page.postCalls, calls, 'the disposed webview is never called');
    assert.equal(page.messages.size, 0, 'message listener released');
    assert.equal(owner.visibility.changed.size, 0, 'visibility listener released');
    assert.equal(owner.closed.size, 0, 'dispose listener released');
    page.send({ type: 'send', text: 'late' });
    assert.deepEqual(owner.handled, [], 'a late message from the page is ignored');
    owner.host.dispose();
    assert.equal(owner.closedCalls, 1);
  });
});
