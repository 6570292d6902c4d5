import assert from 'node:assert/strict';
import { apiToolName, runTurn, toApiMessages, type TurnMessage } from '../../../src/chat';
import type { ClientConfig } from '../../../src/core';
import type { Simulator } from '../../support/simulator';
import { withSimulator } from './helpers';

const text = (role: TurnMessage['role'], t: string): TurnMessage => ({ role, parts: [{ type: 'text', text: t }] });

describe('chat: a turn from the editor chat (our models in its picker)', () => {
  it('merges neighbours of one role, drops empty turns and replies before the first question', () => {
    const messages = toApiMessages([
      text('assistant', 'Welcome'),
      text('user', 'first'),
      text('user', 'second'),
      text('assistant', ''),
      text('assistant', 'answer'),
      text('user', 'why?'),
    ]);
    assert.deepEqual(messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'first' },
          { type: 'text', text: 'second' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
      { role: 'user', content: [{ type: 'text', text: 'why?' }] },
    ]);
  });

  it('has nothing to answer when the last message is a reply', () => {
    assert.equal(toApiMessages([text('user', 'q'), text('assistant', 'a')]), undefined);
    assert.equal(toApiMessages([]), undefined);
  });

  it('carries tool calls and their results (results first in their turn), with API-safe tool names', () => {
    const messages = toApiMessages([
      text('user', 'read the file'),
      {
        role: 'assistant',
        parts: [
          { type: 'text', text: 'Reading.' },
          { type: 'toolCall', id: 'call-1', name: 'copilot.readFile', input: { path: 'a.ts' } },
        ],
      },
      {
        role: 'user',
        parts: [
          { type: 'text', text: 'and?' },
          { type: 'toolResult', callId: 'call-1', text: 'const a = 1;' },
        ],
      },
    ]);
    assert.deepEqual(messages?.[1]?.content, [
      { type: 'text', text: 'Reading.' },
      { type: 'tool_use', id: 'call-1', name: 'copilot_readFile', input: { path: 'a.ts' } },
    ]);
    assert.deepEqual(messages?.[2]?.content, [
      { type: 'tool_result', tool_use_id: 'call-1', content: 'const a = 1;' },
      { type: 'text', text: 'and?' },
    ]);
    assert.equal(apiToolName('x'.repeat(80)).length, 64);
  });

  describe('over the simulator', () => {
    let sim: Simulator;
    let client: ClientConfig;
    before(async () => {
      ({ sim, client } = await withSimulator());
    });
    afterEach(() => sim.reset());
    after(() => sim.close());

    it('streams the reply and sends the whole history, cached, with the offered tools, in one request', async () => {
      const chunks: string[] = [];
      const reply = await runTurn({
        client,
        model: 'claude-sonnet-5-5',
        maxTokens: 512,
        messages: [
          text('user', 'What is a closure?'),
          text('assistant', 'A function with its scope. '.repeat(400)),
          text('user', 'An example?'),
        ],
        tools: [
          {
            name: 'workspace.search',
            description: 'Search the workspace',
            inputSchema: { type: 'object', properties: { q: { type: 'string' } } },
          },
        ],
        onText: (t) => chunks.push(t),
      });
      assert.equal(reply.status, 'completed');
      assert.ok(chunks.length > 0);
      assert.equal(chunks.join(''), reply.text);
      assert.equal(sim.log.length, 1);
      const body = sim.log[0]!.body as {
        messages: Array<{ role: string; content: unknown }>;
        tools: Array<{ name: string }>;
      };
      assert.deepEqual(
        body.messages.map((m) => m.role),
        ['user', 'assistant', 'user'],
      );
      assert.deepEqual(
        body.tools.map((t) => t.name),
        ['workspace_search'],
      );
      // The conversation is long enough to cache: the breakpoint sits on the newest turn, so the next turn reads it.
      assert.match(JSON.stringify(body.messages.at(-1)), /An example\?.*cache_control/);
    });

    it('stops the request when the editor cancels', async () => {
      sim.configure({ tokensPerSecond: 20, outputTokens: 2000 });
      const abort = new AbortController();
      const reply = await runTurn({
        client,
        model: 'claude-sonnet-5-5',
        maxTokens: 4096,
        messages: [text('user', 'Tell me a long story')],
        signal: abort.signal,
        onText: () => abort.abort(),
      });
      assert.equal(reply.status, 'interrupted');
      assert.ok(reply.text.length > 0);
    });

    it('refuses a history without a question rather than sending it', async () => {
      await assert.rejects(
        runTurn({ client, model: 'm', maxTokens: 10, messages: [text('assistant', 'hi')], onText: () => undefined }),
        /no question/,
      );
      assert.equal(sim.log.length, 0);
    });
  });
});

describe('chat: a tool call from our model (agent mode)', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    ({ sim, client } = await withSimulator({
      responder: (req) =>
        JSON.stringify(req.body).includes('find the bug')
          ? { text: 'Let me look.', toolUses: [{ name: 'workspace_search', input: { q: 'bug', limit: 3 } }] }
          : undefined,
    }));
  });
  after(() => sim.close());

  it('reports the tool call under the editor name for the tool, with its whole input, after the text', async () => {
    const events: string[] = [];
    const calls: Array<{ id: string; name: string; input: unknown }> = [];
    const reply = await runTurn({
      client,
      model: 'claude-sonnet-5-5',
      maxTokens: 512,
      messages: [text('user', 'find the bug')],
      tools: [{ name: 'workspace.search', description: 'Search the workspace' }],
      toolRequired: true,
      onText: (t) => events.push(`text:${t}`),
      onToolCall: (call) => {
        events.push('tool');
        calls.push(call);
      },
    });
    assert.equal(reply.status, 'completed');
    assert.equal(reply.stopReason, 'tool_use');
    assert.deepEqual(
      calls.map((c) => ({ name: c.name, input: c.input })),
      [{ name: 'workspace.search', input: { q: 'bug', limit: 3 } }],
    );
    assert.match(calls[0]!.id, /^toolu_/);
    assert.equal(events.at(-1), 'tool');
    const body = sim.log[0]!.body as { tool_choice?: unknown; tools: Array<{ name: string; input_schema: unknown }> };
    assert.deepEqual(body.tool_choice, { type: 'any' });
    assert.deepEqual(body.tools[0]!.input_schema, { type: 'object', properties: {} });
  });
});
