import assert from 'node:assert/strict';
import { invokeToolTurn, type ClientConfig, type RequestEvent } from '../../../src/core';
import { latestToolResults, type Simulator } from '../../support/simulator';
import { bigContext, fastRetry, withSimulator } from './helpers';

const MODEL = 'claude-sonnet-5-5';
const search = {
  name: 'search',
  description: 'Search the workspace.',
  input_schema: { type: 'object', properties: { q: { type: 'string' } } },
};

describe('core: invokeToolTurn (one turn whose tools the caller runs)', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => ({ sim, client } = await withSimulator()));
  afterEach(() => {
    sim.reset();
    sim.configure({ responder: () => undefined });
  });
  after(() => sim.close());

  it('returns the tool calls unexecuted, reported as toolCall events after the text, in one request', async () => {
    sim.configure({
      responder: () => ({
        text: 'Searching.',
        toolUses: [
          { name: 'search', input: { q: 'a "quoted" bug' } },
          { name: 'search', input: {} },
        ],
      }),
    });
    const events: RequestEvent[] = [];
    const result = await invokeToolTurn({
      client,
      model: MODEL,
      messages: [{ role: 'user', content: 'find it' }],
      tools: [search],
      toolChoice: 'any',
      onEvent: (e) => events.push(e),
    });
    assert.equal(result.status, 'completed');
    assert.equal(result.stopReason, 'tool_use');
    assert.equal(result.text, 'Searching.');
    assert.deepEqual(
      result.toolCalls.map((c) => c.input),
      [{ q: 'a "quoted" bug' }, {}],
    );
    const kinds = events.map((e) => e.type).filter((t) => t !== 'start');
    assert.deepEqual(kinds.slice(-2), ['toolCall', 'toolCall']);
    assert.ok(kinds.slice(0, -2).every((k) => k === 'text'));
    assert.equal(sim.log.length, 1, 'no tool ran and no second request was sent');
    const body = sim.log[0]!.body as { tools: unknown[]; tool_choice: unknown };
    assert.deepEqual(body.tools, [search]);
    assert.deepEqual(body.tool_choice, { type: 'any' });
  });

  it('continues a conversation the caller carried on with tool results, caching it for the next turn', async () => {
    sim.configure({ responder: (req) => `Found: ${latestToolResults(req.messages)[0]?.content ?? 'nothing'}` });
    const result = await invokeToolTurn({
      client,
      model: MODEL,
      tools: [search],
      retry: fastRetry,
      messages: [
        { role: 'user', content: bigContext('question') },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'search', input: { q: 'x' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'line 42' }] },
      ],
    });
    assert.equal(result.text, 'Found: line 42');
    assert.deepEqual(result.toolCalls, []);
    assert.match(JSON.stringify((sim.log[0]!.body as { messages: unknown[] }).messages.at(-1)), /cache_control/);
    assert.ok(result.usage.cacheWriteTokens > 0);
  });

  it('an interrupted turn resolves with its text and no calls', async () => {
    sim.configure({ tokensPerSecond: 20, outputTokens: 2000 });
    const abort = new AbortController();
    const result = await invokeToolTurn({
      client,
      model: MODEL,
      messages: [{ role: 'user', content: 'long story' }],
      tools: [search],
      signal: abort.signal,
      onEvent: (e) => e.type === 'text' && abort.abort(),
    });
    assert.equal(result.status, 'interrupted');
    assert.ok(result.text.length > 0);
    assert.deepEqual(result.toolCalls, []);
    sim.configure({ tokensPerSecond: 0, outputTokens: 60 });
  });
});
