import assert from 'node:assert/strict';
import {
  ChatSession,
  ThreadStore,
  buildChatSystem,
  describeFileContext,
  gatherFileContext,
  historyFromTurns,
  type ChatRuntime,
  type StoredTurn,
} from '../../../src/chat';
import type { ClientConfig } from '../../../src/core';
import { nodeWorkspaceFs as fs } from '../../../src/node/nodeWorkspaceFs';
import type { Simulator } from '../../support/simulator';
import { MemoryStore, fakeAnthropicKey, sampleFile, withSimulator } from './helpers';

const KEY = 'file:///work/project/src/handlers.ts';
const bodyText = (sim: Simulator, i = -1): string => JSON.stringify(sim.log.at(i)?.body);
const sentMessages = (sim: Simulator, i = -1): Array<{ role: string; content: Array<{ text: string }> }> =>
  (sim.log.at(i)?.body as { messages: Array<{ role: string; content: Array<{ text: string }> }> }).messages;

async function systemFor(text: string, path = 'src/handlers.ts'): Promise<string> {
  const file = await gatherFileContext({ fs, path, text, workspaceRoot: '/work/project', budgetTokens: 60_000 });
  return buildChatSystem({ file });
}

describe('chat: file context and system block', () => {
  it('holds the numbered file', async () => {
    const text = `const a = 1;\nconst apiKey = process.env.API_KEY;\nexport default a;\n`;
    const file = await gatherFileContext({
      fs,
      path: 'src/config.ts',
      text,
      workspaceRoot: '/work/project',
      budgetTokens: 10_000,
    });
    assert.ok(file.included);
    const system = buildChatSystem({ file });
    assert.match(system, /<file path="src\/config\.ts" lines="1-3">/);
    assert.match(system, / {3}1\| const a = 1;/);
    assert.equal(describeFileContext(file), undefined);
  });

  it('does not send a file holding a secret-shaped value (no redacted copy either), and says which rule kept it back', async () => {
    const key = fakeAnthropicKey();
    const text = `const a = 1;\nconst apiKey = "${key}";\nexport default a;\n`;
    const file = await gatherFileContext({
      fs,
      path: 'src/config.ts',
      text,
      workspaceRoot: '/work/project',
      budgetTokens: 10_000,
    });
    assert.equal(file.included, false);
    const system = buildChatSystem({ file });
    assert.ok(!system.includes(key), 'the secret is not in the system block');
    assert.doesNotMatch(system, /const a = 1/);
    assert.match(
      describeFileContext(file) ?? '',
      /src\/config\.ts is not sent to the model: contains an Anthropic API key on line 2/,
    );
  });

  it('does not send a file whose name marks it as a credential store, nor an excluded one', async () => {
    const env = await gatherFileContext({ fs, path: '.env', text: 'PORT=3000\n', budgetTokens: 10_000 });
    assert.equal(env.included, false);
    assert.match(
      describeFileContext(env) ?? '',
      /\.env is not sent to the model: file name matches the secret-file rule/,
    );
    const system = buildChatSystem({ file: env });
    assert.doesNotMatch(system, /PORT=3000/);
    assert.match(system, /<file-not-included path="\.env">/);

    const excluded = await gatherFileContext({
      fs,
      path: 'secret/plan.md',
      text: 'x',
      workspaceRoot: '/w',
      budgetTokens: 10_000,
      exclude: ['secret/'],
    });
    assert.equal(excluded.included, false);
  });

  it('a file over the context budget is not sent, and the model is told so', async () => {
    const file = await gatherFileContext({ fs, path: 'src/big.ts', text: sampleFile(400), budgetTokens: 1000 });
    assert.equal(file.included, false);
    assert.match(describeFileContext(file) ?? '', /src\/big\.ts is not sent to the model: needs about \d+ tokens/);
    assert.match(buildChatSystem({ file }), /<file-not-included path="src\/big\.ts">The file's text was not sent/);
  });

  it('lists the latest review findings for the file', async () => {
    const file = await gatherFileContext({ fs, path: 'src/a.ts', text: 'let x = 1;\n', budgetTokens: 10_000 });
    const system = buildChatSystem({
      file,
      findings: [
        {
          startLine: 1,
          endLine: 1,
          severity: 'high',
          title: 'Mutable global',
          explanation: 'x is\nreassigned elsewhere.',
          experts: ['Security'],
        },
      ],
    });
    assert.match(system, /<review-findings path="src\/a\.ts">/);
    assert.match(system, /- \[high\] line 1: Mutable global \(raised by Security\)\. x is reassigned elsewhere\./);
  });
});

describe('chat: ChatSession', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let runtime: ChatRuntime;
  before(async () => {
    ({ sim, client } = await withSimulator());
    runtime = { client, model: 'claude-sonnet-5-5', maxTokens: 1024, maxHistoryTokens: 50_000 };
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ tokensPerSecond: 0, outputTokens: 60, responder: () => undefined });
  });
  after(() => sim.close());

  it('a silent server fails the turn after the chat idle timeout, not after the core’s 90 s per attempt', async () => {
    sim.enqueueFault({ kind: 'stall', afterTokens: 2 });
    const session = new ChatSession(new ThreadStore(new MemoryStore()), KEY, 'src/handlers.ts');
    const reply = await session.send('hello?', {
      runtime: { ...runtime, idleTimeoutMs: 150, retry: { maxRetries: 0 } },
      system: await systemFor(sampleFile(10)),
    });
    assert.equal(reply.status, 'failed');
  }).timeout(5000);

  it('sends the file in a cached system block; the second turn reads it from the cache', async () => {
    const text = sampleFile(150);
    const system = await systemFor(text);
    assert.ok(system.length >= 6000, `system block is ${system.length} characters`);
    const session = new ChatSession(new ThreadStore(new MemoryStore()), KEY, 'src/handlers.ts');
    const first = await session.send('What does handler3 do?', { runtime, system });
    const second = await session.send('And handler7?', { runtime, system });
    assert.equal(first.status, 'completed');
    assert.equal(second.status, 'completed');
    assert.ok((first.usage?.cacheWriteTokens ?? 0) > 0, 'turn 1 writes the cache');
    assert.ok((second.usage?.cacheReadTokens ?? 0) > 0, 'turn 2 reads the cache');
    assert.ok(
      (second.usage?.cacheReadTokens ?? 0) >= (first.usage?.cacheWriteTokens ?? 0),
      'turn 2 reads everything turn 1 wrote',
    );
    assert.match(bodyText(sim, 0), /handler149\(input: number\)/);
    assert.match(bodyText(sim, 0), /cache_control/);
    assert.deepEqual(
      sentMessages(sim).map((m) => m.role),
      ['user', 'assistant', 'user'],
    );
  });

  it('never sends a secret from the file', async () => {
    const key = fakeAnthropicKey();
    const system = await systemFor(`${sampleFile(20)}\nconst token = "${key}";\n`);
    const session = new ChatSession(new ThreadStore(new MemoryStore()), KEY);
    await session.send('Is this safe?', { runtime, system });
    assert.ok(!bodyText(sim).includes(key));
    assert.match(
      bodyText(sim),
      /<file-not-included path=\\"src\/handlers\.ts\\">The file's text was not sent \(contains an Anthropic API key on line 21\)/,
    );
    assert.doesNotMatch(bodyText(sim), /handler1\(/, 'no part of the file goes out');
  });

  it('persists the turns and restores them as history in a new session', async () => {
    const backing = new MemoryStore();
    const system = await systemFor(sampleFile(10));
    const session = new ChatSession(new ThreadStore(backing), KEY, 'src/handlers.ts');
    const seen: string[] = [];
    let started = 0;
    const reply = await session.send('first question', {
      runtime,
      system,
      onStart: () => started++,
      onText: (c) => seen.push(c),
    });
    assert.equal(started, 1);
    assert.equal(seen.join(''), reply.text);
    await session.send('second question', { runtime, system });

    const restored = new ChatSession(new ThreadStore(backing), KEY);
    assert.equal(restored.label, 'src/handlers.ts');
    assert.deepEqual(
      restored.turns.map((t) => [t.role, t.status]),
      [
        ['user', undefined],
        ['assistant', 'completed'],
        ['user', undefined],
        ['assistant', 'completed'],
      ],
    );
    await restored.send('third question', { runtime, system });
    const sent = sentMessages(sim);
    assert.deepEqual(
      sent.map((m) => m.content[0]?.text.slice(0, 15)),
      [
        'first question',
        reply.text.slice(0, 15),
        'second question',
        sent[3]?.content[0]?.text.slice(0, 15),
        'third question',
      ],
    );
  });

  it('keeps a failed turn visible with its error, and does not send it as history', async () => {
    const system = await systemFor(sampleFile(10));
    const session = new ChatSession(new ThreadStore(new MemoryStore()), KEY);
    await session.send('good question', { runtime, system });
    sim.enqueueFault({ kind: 'status', status: 400, message: 'bad request for the test' });
    const failed = await session.send('question that fails', { runtime, system });
    assert.equal(failed.status, 'failed');
    assert.match(failed.note ?? '', /400 invalid_request_error: bad request for the test/);
    const turns = session.turns;
    assert.equal(turns.length, 4);
    assert.equal(turns[3]?.status, 'failed');
    assert.equal(turns[3]?.note, failed.note);

    await session.send('next question', { runtime, system });
    assert.doesNotMatch(bodyText(sim), /question that fails/);
    assert.deepEqual(
      sentMessages(sim).map((m) => m.content[0]?.text.slice(0, 13)),
      ['good question', sentMessages(sim)[1]?.content[0]?.text.slice(0, 13), 'next question'],
    );
  });

  it('Stop keeps the partial reply, which the model sees next turn', async () => {
    sim.configure({ tokensPerSecond: 200, outputTokens: 2000 });
    const system = await systemFor(sampleFile(10));
    const session = new ChatSession(new ThreadStore(new MemoryStore()), KEY);
    sim.holdResponses({ afterTokens: 20 }); // 80 characters, then the stream stays open: Stop comes mid-reply
    const controller = new AbortController();
    let got = '';
    const stopped = await session.send('long answer please', {
      runtime,
      system,
      signal: controller.signal,
      onText: (c) => {
        got += c;
        if (got.length > 40) controller.abort();
      },
    });
    assert.equal(stopped.status, 'interrupted');
    assert.ok(stopped.text.length > 40);
    assert.equal(session.turns[1]?.text, stopped.text);
    await sim.waitForIdle();
    assert.equal(sim.log.at(-1)?.aborted, true, 'the request was closed');
    sim.releaseResponses();
    sim.configure({ tokensPerSecond: 0, outputTokens: 60 });
    await session.send('go on', { runtime, system });
    assert.equal(sentMessages(sim)[1]?.content[0]?.text, stopped.text);
  });

  it('tells when older exchanges are no longer sent, and keeps them visible', async () => {
    sim.configure({ outputTokens: 120 });
    const system = await systemFor(sampleFile(10));
    const session = new ChatSession(new ThreadStore(new MemoryStore()), KEY);
    const small = { ...runtime, maxHistoryTokens: 400 };
    let last;
    for (let i = 0; i < 8; i++) last = await session.send(`question ${i}`, { runtime: small, system });
    assert.ok(last!.omittedExchanges > 0);
    assert.equal(
      last!.notice,
      `${last!.omittedExchanges} older exchange${last!.omittedExchanges === 1 ? ' is' : 's are'} no longer sent to the model; ${last!.omittedExchanges === 1 ? 'it stays' : 'they stay'} visible here.`,
    );
    assert.equal(session.notice, last!.notice);
    assert.equal(session.turns.length, 16, 'every turn stays visible');
    assert.doesNotMatch(bodyText(sim), /question 0"/);
  });

  it('refuses a second question while a reply streams; clear forgets the thread', async () => {
    const backing = new MemoryStore();
    const store = new ThreadStore(backing);
    const system = await systemFor(sampleFile(10));
    const session = new ChatSession(store, KEY);
    const first = session.send('one', { runtime, system });
    assert.equal(session.busy, true);
    await assert.rejects(session.send('two', { runtime, system }), /still streaming/);
    await first;
    await session.clear();
    assert.deepEqual(session.turns, []);
    assert.equal(store.load(KEY), undefined);
    await session.send('fresh start', { runtime, system });
    assert.equal(sentMessages(sim).length, 1);
  });

  it('history skips failed turns and empty stopped replies', () => {
    const turns: StoredTurn[] = [
      { role: 'user', text: 'a', at: 1 },
      { role: 'assistant', text: 'A', status: 'completed', at: 1 },
      { role: 'user', text: 'b', at: 1 },
      { role: 'assistant', text: 'B?', status: 'failed', at: 1 },
      { role: 'user', text: 'c', at: 1 },
      { role: 'assistant', text: '', status: 'interrupted', at: 1 },
      { role: 'user', text: 'd', at: 1 },
      { role: 'assistant', text: 'D…', status: 'interrupted', at: 1 },
      { role: 'user', text: 'e', at: 1 },
    ];
    assert.deepEqual(
      historyFromTurns(turns).map((m) => m.content),
      ['a', 'A', 'd', 'D…'],
    );
  });
});
