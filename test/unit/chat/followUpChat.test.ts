// Asking in a file's thread, editor-independent: what the views are told (thread, appended text, the
// turn's end, notices), what the model is sent, and the refusals, against the simulator.
import assert from 'node:assert/strict';
import {
  BUSY_NOTICE,
  FollowUpChat,
  NO_API_KEY_NOTICE,
  ThreadStore,
  type ChatConnection,
  type ChatEvent,
  type ChatTarget,
} from '../../../src/chat';
import type { ClientConfig, Logger } from '../../../src/core';
import { nodeWorkspaceFs as fs } from '../../../src/node/nodeWorkspaceFs';
import type { Simulator } from '../../support/simulator';
import { fastRetry } from '../core/helpers';
import { API_KEY, MemoryStore, sampleFile, withSimulator } from './helpers';

interface FileTarget extends ChatTarget {
  text: string;
}

const file = (label: string, text = sampleFile(20)): FileTarget => ({
  key: `file:///work/project/${label}`,
  label,
  text,
});

/** A gate the test opens: holds `connect` as a slow SecretStorage read would. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe('chat: asking in a file’s thread (FollowUpChat)', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => ({ sim, client } = await withSimulator()));
  afterEach(() => {
    sim.reset();
    sim.configure({ tokensPerSecond: 0, outputTokens: 60, responder: () => undefined });
  });
  after(() => sim.close());

  function setup(options: { noKey?: boolean; connectGate?: Promise<void>; unreadable?: boolean } = {}) {
    const events: ChatEvent[] = [];
    /** The thread's notice as a view read it at each `notice` event. */
    const notices: Array<string | undefined> = [];
    const logs: string[] = [];
    const log = (m: string) => logs.push(m);
    const logger: Logger = { debug() {}, info: log, warn: log, error: log };
    const connection: ChatConnection = {
      runtime: { client, model: 'claude-sonnet-5-5', maxTokens: 1024, maxHistoryTokens: 50_000, retry: fastRetry },
      budgetTokens: 60_000,
      exclude: [],
    };
    const chat = new FollowUpChat<FileTarget>({
      store: new ThreadStore(new MemoryStore()),
      connect: async () => {
        await options.connectGate;
        return options.noKey ? undefined : connection;
      },
      readFile: (target) =>
        options.unreadable
          ? Promise.reject(new Error('file is gone'))
          : Promise.resolve({ path: target.label, text: target.text, fs, workspaceRoot: '/work/project' }),
      findings: () => [{ startLine: 3, endLine: 3, severity: 'high', title: 'Loop bound', explanation: 'Off by one.' }],
      secrets: () => [API_KEY],
      logger,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'notice') notices.push(chat.noticeFor(e.key));
      },
    });
    return { chat, events, notices, logs };
  }

  const appended = (events: ChatEvent[]) => events.flatMap((e) => (e.type === 'append' ? [e.text] : [])).join('');

  it('streams the reply to the views and the hooks, and logs the turn’s usage and cost', async () => {
    sim.configure({ tokensPerSecond: 2000, outputTokens: 200 });
    const { chat, events, logs } = setup();
    const target = file('src/handlers.ts');
    let hooked = '';
    let done: string | undefined;
    const result = await chat.ask('What does handler3 do?', target, {
      onText: (c) => (hooked += c),
      onDone: (status) => (done = status),
    });
    assert.equal(result?.status, 'completed');
    assert.equal(done, 'completed');
    assert.equal(appended(events), result.text, 'every chunk once, in order');
    assert.equal(hooked, result.text);
    assert.deepEqual(events[0], { type: 'thread', key: target.key }, 'the turn began');
    assert.deepEqual(events.at(-1), { type: 'turnDone', key: target.key, status: 'completed' });
    assert.ok(events.filter((e) => e.type === 'append').length < 40, 'appends are batched');
    const snapshot = chat.snapshot(target);
    assert.equal(snapshot.busy, false);
    assert.deepEqual(
      snapshot.turns.map((t) => [t.role, t.status]),
      [
        ['user', undefined],
        ['assistant', 'completed'],
      ],
    );
    const body = JSON.stringify(sim.log[0]?.body);
    assert.match(body, /handler19/, 'the file is in the system block');
    assert.match(body, /Loop bound/, 'so are its findings');
    assert.match(logs.join('\n'), /Chat about src\/handlers\.ts: completed; \d+ input, .* output tokens; \$\d/);
  });

  it('without an API key sends nothing, and says how to set one', async () => {
    const { chat, events } = setup({ noKey: true });
    const target = file('src/a.ts');
    let done: [string, string | undefined] | undefined;
    const result = await chat.ask('hi', target, { onDone: (s, n) => (done = [s, n]) });
    assert.equal(result, undefined);
    assert.deepEqual(done, ['failed', NO_API_KEY_NOTICE]);
    assert.equal(sim.log.length, 0);
    assert.deepEqual(events, [{ type: 'thread', key: target.key }]);
    assert.deepEqual(chat.snapshot(target), { turns: [], busy: false, notice: NO_API_KEY_NOTICE });
  });

  it('a file it cannot read: nothing is sent, the thread says why', async () => {
    const { chat } = setup({ unreadable: true });
    const target = file('src/gone.ts');
    assert.equal(await chat.ask('hi', target), undefined);
    assert.equal(sim.log.length, 0);
    assert.equal(chat.snapshot(target).notice, 'Could not read src/gone.ts: file is gone');
  });

  it('a file the policy keeps back: the model is told it was not sent, the thread names the rule', async () => {
    const { chat } = setup();
    const target = file('.env', 'PORT=3000\n');
    const result = await chat.ask('What port?', target);
    assert.equal(result?.status, 'completed');
    const body = JSON.stringify(sim.log[0]?.body);
    assert.doesNotMatch(body, /PORT=3000/);
    assert.match(body, /file-not-included/);
    assert.match(
      chat.snapshot(target).notice ?? '',
      /\.env is not sent to the model: file name matches the secret-file rule/,
    );
  });

  it('a second question while the first is still being prepared is refused, and Stop still reaches the first', async () => {
    sim.configure({ tokensPerSecond: 100, outputTokens: 2000 });
    const slow = gate();
    const { chat, events } = setup({ connectGate: slow.wait });
    const target = file('src/a.ts');
    const first = chat.ask('first question', target);
    let refused: string | undefined;
    const second = await chat.ask('second question', target, { onDone: (_, note) => (refused = note) });
    assert.equal(second, undefined);
    assert.equal(refused, BUSY_NOTICE);
    assert.equal(chat.snapshot(target).busy, true, 'the first question holds the thread');
    slow.open();
    while (!events.some((e) => e.type === 'append')) await new Promise((r) => setTimeout(r, 5));
    chat.stop(target.key);
    const result = await first;
    assert.equal(result?.status, 'interrupted', 'Stop reached the reply that streams');
    assert.equal(sim.log.length, 1, 'only the first question was sent');
    assert.doesNotMatch(JSON.stringify(sim.log[0]?.body), /second question/);
    assert.equal(chat.snapshot(target).busy, false);
  });

  it('Stop while the question is prepared: nothing is sent and nothing is added', async () => {
    const slow = gate();
    const { chat } = setup({ connectGate: slow.wait });
    const target = file('src/a.ts');
    let done: string | undefined;
    const asked = chat.ask('never mind', target, { onDone: (s) => (done = s) });
    chat.stop(target.key);
    slow.open();
    assert.equal(await asked, undefined);
    assert.equal(done, 'interrupted');
    assert.equal(sim.log.length, 0);
    assert.deepEqual(chat.snapshot(target).turns, []);
  });

  it('a retry shows its notice (no key in it) until the reply’s text arrives', async () => {
    sim.enqueueFault({ kind: 'status', status: 529, message: `Overloaded (key ${API_KEY})` });
    sim.configure({ tokensPerSecond: 2000, outputTokens: 200 });
    const { chat, notices } = setup();
    const target = file('src/a.ts');
    let atFirstText: string | undefined;
    const result = await chat.ask('hello', target, {
      onText: () => (atFirstText ??= chat.noticeFor(target.key) ?? 'no notice'),
    });
    assert.equal(result?.status, 'completed');
    assert.equal(sim.log.length, 2, 'retried once');
    assert.equal(notices.length, 2, 'one notice for the retry, one when the text came');
    assert.match(
      notices[0] ?? '',
      /^529 overloaded_error: Overloaded \(key \[REDACTED\]\)\..* Retrying in \d+\.\d s \(attempt 2 of \d+\)\.$/,
    );
    assert.ok(!notices[0]?.includes(API_KEY), notices[0]);
    assert.equal(notices[1], undefined);
    assert.equal(atFirstText, 'no notice', 'the retry is over once the reply streams');
  });

  it('a failed reply stays in the thread with its reason, key removed', async () => {
    sim.enqueueFault({ kind: 'status', status: 400, message: `bad request near ${API_KEY}` });
    const { chat, events } = setup();
    const target = file('src/a.ts');
    const result = await chat.ask('hello', target);
    assert.equal(result?.status, 'failed');
    const done = events.at(-1);
    assert.equal(done?.type, 'turnDone');
    assert.ok(done?.type === 'turnDone' && done.note && !done.note.includes(API_KEY), JSON.stringify(done));
    assert.equal(chat.snapshot(target).turns[1]?.status, 'failed');
  });

  it('clear stops the reply and forgets the thread', async () => {
    sim.configure({ tokensPerSecond: 100, outputTokens: 2000 });
    const { chat, events } = setup();
    const target = file('src/a.ts');
    const asked = chat.ask('long answer', target);
    while (!events.some((e) => e.type === 'append')) await new Promise((r) => setTimeout(r, 5));
    assert.equal(chat.hasConversation(target), true);
    await chat.clear(target);
    assert.equal((await asked)?.status, 'interrupted');
    assert.deepEqual(chat.snapshot(target).turns, []);
    assert.equal(chat.hasConversation(target), false);
    assert.deepEqual(events.at(-1), { type: 'thread', key: target.key });
  });
});
