import assert from 'node:assert/strict';
import { runPlainTurn, toAlternatingTurns } from '../../../src/chat';
import type { ClientConfig } from '../../../src/core';
import type { Simulator } from '../../support/simulator';
import { withSimulator } from './helpers';

describe('chat: a plain turn from the editor chat (our models in its picker)', () => {
  it('merges neighbours of one role, drops empty turns and replies before the first question', () => {
    const turns = toAlternatingTurns([
      { role: 'assistant', text: 'Welcome' },
      { role: 'user', text: 'first' },
      { role: 'user', text: 'second' },
      { role: 'assistant', text: '' },
      { role: 'assistant', text: 'answer' },
      { role: 'user', text: 'why?' },
    ]);
    assert.deepEqual(turns, {
      history: [
        { role: 'user', content: 'first\n\nsecond' },
        { role: 'assistant', content: 'answer' },
      ],
      question: 'why?',
    });
  });

  it('has nothing to answer when the last message is a reply', () => {
    assert.equal(toAlternatingTurns([{ role: 'user', text: 'q' }, { role: 'assistant', text: 'a' }]), undefined);
    assert.equal(toAlternatingTurns([]), undefined);
  });

  describe('over the simulator', () => {
    let sim: Simulator;
    let client: ClientConfig;
    before(async () => {
      ({ sim, client } = await withSimulator());
    });
    afterEach(() => sim.reset());
    after(() => sim.close());

    it('streams the reply and sends the whole history, cached, in one request', async () => {
      const chunks: string[] = [];
      const reply = await runPlainTurn({
        client,
        model: 'claude-sonnet-5-5',
        maxTokens: 512,
        messages: [
          { role: 'user', text: 'What is a closure?' },
          { role: 'assistant', text: 'A function with its scope. '.repeat(400) },
          { role: 'user', text: 'An example?' },
        ],
        onText: (t) => chunks.push(t),
      });
      assert.equal(reply.status, 'completed');
      assert.ok(chunks.length > 0);
      assert.equal(chunks.join(''), reply.text);
      assert.equal(sim.log.length, 1);
      const body = sim.log[0]!.body as { messages: Array<{ role: string; content: unknown }> };
      assert.deepEqual(body.messages.map((m) => m.role), ['user', 'assistant', 'user']);
      assert.match(JSON.stringify(body.messages.at(-1)), /An example\?/);
      // The history is long enough to cache: the breakpoint sits on the newest turn, so the next turn reads it.
      assert.match(JSON.stringify(body.messages.at(-1)), /cache_control/);
    });

    it('stops the request when the editor cancels', async () => {
      sim.configure({ tokensPerSecond: 20, outputTokens: 2000 });
      const abort = new AbortController();
      const reply = await runPlainTurn({
        client,
        model: 'claude-sonnet-5-5',
        maxTokens: 4096,
        messages: [{ role: 'user', text: 'Tell me a long story' }],
        signal: abort.signal,
        onText: () => abort.abort(),
      });
      assert.equal(reply.status, 'interrupted');
      assert.ok(reply.text.length > 0);
    });

    it('refuses a history without a question rather than sending it', async () => {
      await assert.rejects(runPlainTurn({ client, model: 'm', maxTokens: 10, messages: [{ role: 'assistant', text: 'hi' }], onText: () => undefined }), /no question/);
      assert.equal(sim.log.length, 0);
    });
  });
});
