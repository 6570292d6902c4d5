import assert from 'node:assert/strict';
import { ConversationThread, type ClientConfig } from '../../../src/core';
import type { Simulator } from '../../support/simulator';
import { bigContext, withSimulator } from './helpers';

const countBreakpoints = (body: unknown): number => (JSON.stringify(body).match(/"cache_control"/g) ?? []).length;

describe('core: ConversationThread', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    ({ sim, client } = await withSimulator());
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  it('keeps history, and caches the system block and each newest turn', async () => {
    const thread = new ConversationThread({ system: bigContext('thread'), client });
    const first = await thread.send('Analyse the UserAuth class');
    assert.ok(first.usage.cacheWriteTokens > 0, 'turn 1 writes system + turn');
    const second = await thread.send('How would you refactor login?');
    assert.ok(second.usage.cacheReadTokens >= first.usage.cacheWriteTokens, 'turn 2 reads everything turn 1 wrote');
    const third = await thread.send('Show me the code');
    assert.ok(third.usage.cacheReadTokens > second.usage.cacheReadTokens, 'the cached prefix grows turn by turn');
    assert.ok(third.usage.inputTokens < first.usage.inputTokens + 50, 'only the new turn is billed as plain input');

    assert.equal(thread.length, 3);
    const messages = thread.getMessages();
    assert.deepEqual(
      messages.map((m) => m.role),
      ['user', 'assistant', 'user', 'assistant', 'user', 'assistant'],
    );
    assert.equal(messages[1]?.content, first.text);
    for (const entry of sim.log) assert.ok(countBreakpoints(entry.body) <= 4);
    // Breakpoint on the system block and on the newest user turn only.
    const lastBody = sim.log.at(-1)?.body as { messages: Array<{ content: unknown }> };
    assert.equal(countBreakpoints(lastBody.messages.at(-1)), 1);
    assert.equal(countBreakpoints(lastBody.messages.slice(0, -1)), 0);
  });

  it('getMessages returns a copy; clear empties the thread', async () => {
    const thread = new ConversationThread({ client });
    await thread.send('one');
    thread.getMessages().pop();
    assert.equal(thread.getMessages().length, 2);
    thread.clear();
    assert.equal(thread.length, 0);
    assert.deepEqual(thread.getMessages(), []);
  });

  it('restores history and keeps an interrupted reply so the next turn sees it', async () => {
    sim.configure({ tokensPerSecond: 200, outputTokens: 1000 });
    sim.holdResponses({ afterTokens: 12 }); // 48 characters, then the stream stays open: the stop comes mid-reply
    const thread = new ConversationThread({
      client,
      messages: [
        { role: 'user', content: 'earlier' },
        { role: 'assistant', content: 'earlier reply' },
      ],
    });
    const controller = new AbortController();
    let got = '';
    const reply = await thread.send('long answer please', {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'text') got += e.text;
        if (got.length > 30) controller.abort();
      },
    });
    sim.configure({ tokensPerSecond: 0, outputTokens: 60 });
    assert.equal(reply.status, 'interrupted');
    assert.equal(thread.length, 2);
    assert.equal(thread.getMessages()[3]?.content, reply.text);
  });

  it('a failed turn leaves the history unchanged', async () => {
    const thread = new ConversationThread({ client, retry: { maxRetries: 0 } });
    await thread.send('ok');
    sim.enqueueFault({ kind: 'status', status: 500 });
    await assert.rejects(thread.send('fails'));
    assert.equal(thread.length, 1);
  });

  it('stops sending the oldest exchanges past the history cap, in steps', async () => {
    sim.configure({ outputTokens: 100 });
    const thread = new ConversationThread({ client, maxHistoryTokens: 500 });
    const omitted: number[] = [];
    for (let i = 0; i < 8; i++) omitted.push((await thread.send(`question ${i}`)).omittedExchanges);
    sim.configure({ outputTokens: 60 });
    assert.equal(thread.length, 8, 'the full history is kept');
    assert.ok(omitted.at(-1)! > 0, 'old exchanges stop being sent');
    const sentLast = (sim.log.at(-1)?.body as { messages: unknown[] }).messages.length;
    assert.equal(sentLast, (8 - omitted.at(-1)!) * 2 - 1);
    // Trimming happens in steps, not every turn, so the cached prefix survives several turns.
    const changes = omitted.filter((v, i) => i > 0 && v !== omitted[i - 1]).length;
    assert.ok(changes < omitted.filter((v) => v > 0).length, `omitted per turn: ${omitted.join(',')}`);
  });
});
