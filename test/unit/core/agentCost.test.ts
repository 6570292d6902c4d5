// What a sub-agent (and the chat's tool turn) is billed when a stream fails or is stopped part-way: the
// same as any other request of the core, since every one reads its stream and retries through one path.
// The API bills the input a `message_start` reported even when the stream then fails, and the output of a
// cut reply, which the API never counted, is estimated from the text that arrived.
import assert from 'node:assert/strict';
import {
  costOf,
  estimateTokens,
  invokeParallel,
  invokeToolTurn,
  runAgent,
  type AgentTool,
  type ClientConfig,
  type Usage,
} from '../../../src/core';
import { turnNumber, type Simulator } from '../../support/simulator';
import { fastRetry, withSimulator } from './helpers';

const MODEL = 'claude-sonnet-5-5';
const CUT_REPLY =
  'The handler reads the configuration twice and the second read races with the writer thread, so a ' +
  'reload in between returns a half-written file to every caller that asks at that moment.';

const echo: AgentTool = {
  name: 'echo',
  description: 'Echoes its input.',
  inputSchema: {},
  run: (input) => Promise.resolve(JSON.stringify(input)),
};

/** Everything the simulator reported as input, over every request it received. */
function reportedInput(sim: Simulator): Omit<Usage, 'outputTokens'> {
  return {
    inputTokens: sim.log.reduce((n, e) => n + e.usage.input_tokens, 0),
    cacheWriteTokens: sim.log.reduce((n, e) => n + e.usage.cache_creation_input_tokens, 0),
    cacheReadTokens: sim.log.reduce((n, e) => n + e.usage.cache_read_input_tokens, 0),
  };
}

const inputOf = ({ inputTokens, cacheWriteTokens, cacheReadTokens }: Usage) => ({
  inputTokens,
  cacheWriteTokens,
  cacheReadTokens,
});

describe('core: a sub-agent is billed for failed and cut attempts', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => ({ sim, client } = await withSimulator()));
  afterEach(() => {
    sim.reset();
    sim.configure({ responder: () => undefined, tokensPerSecond: 0 });
  });
  after(() => sim.close());

  it('a first attempt that fails mid-stream and is retried still counts the input the API reported', async () => {
    sim.configure({
      responder: (req) =>
        turnNumber(req.messages) === 0 ? { text: 'Checking.', toolUses: [{ name: 'echo', input: { a: 1 } }] } : 'Done.',
    });
    sim.enqueueFault({ kind: 'midStreamError', afterTokens: 0 });
    const retries: number[] = [];
    const result = await runAgent('Go', {
      client,
      model: MODEL,
      tools: [echo],
      retry: fastRetry,
      onEvent: (e) => e.type === 'retry' && retries.push(e.notice.attempt),
    });
    assert.equal(result.endReason, 'answered');
    assert.deepEqual(retries, [2], 'the failed first attempt was retried');
    assert.equal(sim.log.length, 3);
    assert.ok(sim.log[0]!.usage.input_tokens > 0, 'the failed attempt was billed for its input');
    assert.deepEqual(inputOf(result.usage), reportedInput(sim));
    assert.deepEqual(result.cost, costOf(result.usage, MODEL));
  });

  it('a turn cut off mid-stream bills its reported input plus the estimate for the cut reply, as a review expert does', async () => {
    sim.configure({ responder: () => CUT_REPLY });
    sim.enqueueFault({ kind: 'midStreamError', afterTokens: 12 });
    const agent = await runAgent('Go', { client, model: MODEL, tools: [echo], retry: fastRetry });
    assert.equal(agent.endReason, 'failed');
    assert.equal(agent.status, 'failed');
    assert.ok(agent.text.length > 0 && CUT_REPLY.startsWith(agent.text), 'the partial text is kept');
    assert.equal(sim.log.length, 1, 'a reply that had streamed text is not retried');
    assert.deepEqual(inputOf(agent.usage), reportedInput(sim));
    assert.equal(agent.usage.outputTokens, estimateTokens(agent.text));
    assert.equal(agent.usage.estimated, true);
    assert.ok((agent.cost.usd ?? 0) > 0);

    sim.reset();
    sim.enqueueFault({ kind: 'midStreamError', afterTokens: 12 });
    const [expert] = await invokeParallel([{ prompt: 'Go' }], { client, model: MODEL, retry: fastRetry });
    assert.equal(expert?.status, 'failed');
    assert.equal(expert.text, agent.text, 'the same reply cut at the same place');
    assert.equal(expert.usage.outputTokens, agent.usage.outputTokens);
    assert.equal(expert.usage.estimated, true);
  });

  it('a turn stopped mid-stream bills the estimate for the text that arrived, as an interrupted expert does', async () => {
    sim.configure({ responder: () => CUT_REPLY, tokensPerSecond: 200 });
    sim.holdResponses({ afterTokens: 16 }); // 64 characters, then the stream stays open: the stop comes mid-reply
    const controller = new AbortController();
    let seen = '';
    const agent = await runAgent('Go', {
      client,
      model: MODEL,
      tools: [echo],
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== 'text') return;
        seen += e.text;
        if (seen.length > 40) controller.abort();
      },
    });
    assert.equal(agent.endReason, 'interrupted');
    assert.ok(agent.text.length > 40 && agent.text.length < CUT_REPLY.length, 'stopped part-way');
    assert.deepEqual(inputOf(agent.usage), reportedInput(sim));
    assert.equal(agent.usage.outputTokens, estimateTokens(agent.text));
    assert.equal(agent.usage.estimated, true);
  });

  it('the chat’s tool turn counts a retried attempt’s reported input too', async () => {
    sim.configure({ responder: () => 'Answer.' });
    sim.enqueueFault({ kind: 'midStreamError', afterTokens: 0 });
    const turn = await invokeToolTurn({
      client,
      model: MODEL,
      messages: [{ role: 'user', content: 'Why?' }],
      tools: [],
      retry: fastRetry,
    });
    assert.equal(turn.status, 'completed');
    assert.equal(sim.log.length, 2);
    assert.deepEqual(inputOf(turn.usage), reportedInput(sim));
  });
});
