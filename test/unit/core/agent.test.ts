import assert from 'node:assert/strict';
import {
  invokeParallelAgents,
  runAgent,
  ToolError,
  type AgentTool,
  type ClientConfig,
  type RequestEvent,
} from '../../../src/core';
import { latestToolResults, turnNumber, type SimRequest, type Simulator } from '../../support/simulator';
import { bigContext, fastRetry, withSimulator } from './helpers';

const MODEL = 'claude-sonnet-5-5';

/** A tool that echoes its input and counts its runs. */
function echoTool(runs: unknown[] = []): AgentTool {
  return {
    name: 'echo',
    description: 'Echoes its input.',
    inputSchema: { properties: { say: { type: 'string' } } },
    run(input) {
      runs.push(input);
      return Promise.resolve(`echo: ${JSON.stringify(input)}`);
    },
  };
}

const refusingTool: AgentTool = {
  name: 'refuse',
  description: 'Always refuses.',
  inputSchema: {},
  run: () => Promise.reject(new ToolError('Refused: not allowed here.')),
};

const bodies = (sim: Simulator) =>
  sim.log.map(
    (e) => e.body as { messages: Array<{ role: string; content: unknown }>; tools?: unknown[]; system?: unknown },
  );

describe('core: runAgent (client-side tool use)', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => ({ sim, client } = await withSimulator()));
  afterEach(() => {
    sim.reset();
    sim.configure({ responder: () => undefined });
  });
  after(() => sim.close());

  it('runs a tool loop: streams the call, runs the tool, sends the result, and ends on the answer', async () => {
    sim.configure({
      responder: (req: SimRequest) =>
        turnNumber(req.messages) === 0
          ? { text: 'Let me check.', toolUses: [{ name: 'echo', input: { say: 'hello "world"', n: [1, 2, 3] } }] }
          : `Done: ${latestToolResults(req.messages)[0]?.content ?? 'nothing'}`,
    });
    const runs: unknown[] = [];
    const events: RequestEvent[] = [];
    const result = await runAgent('Say hello', {
      client,
      model: MODEL,
      tools: [echoTool(runs)],
      onEvent: (e) => events.push(e),
    });
    assert.equal(result.endReason, 'answered');
    assert.equal(result.status, 'completed');
    assert.equal(result.turns, 2);
    assert.deepEqual(runs, [{ say: 'hello "world"', n: [1, 2, 3] }]);
    assert.match(result.text, /Done: echo: \{"say":"hello \\"world\\""/);
    assert.deepEqual(
      events.map((e) => e.type).filter((t) => t !== 'text'),
      ['start', 'toolCall', 'toolResult', 'start'],
    );
    const second = bodies(sim)[1]!;
    assert.equal(second.messages.length, 3);
    const toolResult = (second.messages[2]!.content as Array<Record<string, unknown>>)[0]!;
    assert.equal(toolResult['type'], 'tool_result');
    assert.equal(toolResult['is_error'], undefined);
    assert.ok(Array.isArray(second.tools) && second.tools.length === 1);
    assert.equal(
      result.usage.outputTokens,
      sim.log.reduce((n, e) => n + e.usage.output_tokens, 0),
    );
  });

  it('answers an unknown tool and a refusal with is_error results the model reads', async () => {
    sim.configure({
      responder: (req) =>
        turnNumber(req.messages) === 0
          ? {
              text: 'Trying.',
              toolUses: [
                { name: 'rm_rf', input: {} },
                { name: 'refuse', input: {} },
              ],
            }
          : `Saw: ${latestToolResults(req.messages)
              .map((r) => `${r.isError}:${r.content}`)
              .join(' | ')}`,
    });
    const result = await runAgent('Go', { client, model: MODEL, tools: [refusingTool] });
    assert.equal(result.endReason, 'answered');
    assert.deepEqual(
      result.toolCalls.map((c) => [c.call.name, c.isError]),
      [
        ['rm_rf', true],
        ['refuse', true],
      ],
    );
    assert.match(result.text, /true:Unknown tool "rm_rf"\. The tools you can use are: refuse\./);
    assert.match(result.text, /true:Refused: not allowed here\./);
  });

  it('stops at the turn limit with what it gathered, and at the token budget', async () => {
    sim.configure({ responder: () => ({ text: 'More.', toolUses: [{ name: 'echo', input: { again: true } }] }) });
    const limited = await runAgent('Loop', { client, model: MODEL, tools: [echoTool()], maxTurns: 3 });
    assert.equal(limited.endReason, 'turnLimit');
    assert.equal(limited.turns, 3);
    assert.equal(limited.toolCalls.length, 3);
    assert.equal(sim.log.length, 3);
    sim.reset();
    const budgeted = await runAgent('Loop', {
      client,
      model: MODEL,
      tools: [echoTool()],
      maxTurns: 50,
      tokenBudget: 1,
    });
    assert.equal(budgeted.endReason, 'tokenBudget');
    assert.equal(budgeted.turns, 1);
  });

  it('keeps the shared context cached across turns and moves a breakpoint onto the newest turn', async () => {
    let turn = 0;
    sim.configure({
      responder: () => (++turn < 3 ? { text: 'Reading.', toolUses: [{ name: 'echo', input: { turn } }] } : 'Finished.'),
    });
    const result = await runAgent('Work', {
      client,
      model: MODEL,
      tools: [echoTool()],
      sharedSystem: bigContext(),
      cacheSharedSystem: true,
      system: 'You are a sub-agent.',
    });
    assert.equal(result.turns, 3);
    const [first, ...later] = sim.log;
    assert.ok(first!.usage.cache_creation_input_tokens > 0);
    for (const entry of later)
      assert.ok(
        entry.usage.cache_read_input_tokens >= first!.usage.cache_creation_input_tokens,
        'each turn reads the cached prefix',
      );
    for (const body of bodies(sim)) {
      const last = body.messages.at(-1)!.content as Array<Record<string, unknown>>;
      assert.ok(last.at(-1)!['cache_control'], 'breakpoint on the newest turn');
    }
    assert.ok(result.usage.cacheReadTokens > result.usage.inputTokens);
  });

  it('retries a turn that fails before streaming, and reports the wait as a retry event', async () => {
    sim.configure({
      responder: (req) =>
        turnNumber(req.messages) === 0 ? { text: 'x', toolUses: [{ name: 'echo', input: {} }] } : 'ok',
    });
    sim.enqueueFault({ kind: 'status', status: 529, match: (req) => turnNumber(req.messages) === 1 });
    const retries: number[] = [];
    const result = await runAgent('Go', {
      client,
      model: MODEL,
      tools: [echoTool()],
      retry: fastRetry,
      onEvent: (e) => e.type === 'retry' && retries.push(e.notice.attempt),
    });
    assert.equal(result.endReason, 'answered');
    assert.deepEqual(retries, [2]);
    assert.equal(sim.log.length, 3);
  });

  it('is interrupted while a tool runs, keeping the history valid and the calls so far', async () => {
    const controller = new AbortController();
    const slow: AgentTool = {
      name: 'slow',
      description: '',
      inputSchema: {},
      run: () => (controller.abort(), Promise.resolve('late')),
    };
    sim.configure({ responder: () => ({ text: 'x', toolUses: [{ name: 'slow', input: {} }] }) });
    const result = await runAgent('Go', {
      client,
      model: MODEL,
      tools: [slow],
      signal: controller.signal,
      retry: fastRetry,
    });
    assert.equal(result.endReason, 'interrupted');
    assert.equal(result.status, 'interrupted');
    assert.equal(result.toolCalls.length, 1);
    assert.equal(sim.log.length, 1);
  });

  it('invokeParallelAgents runs agents concurrently after the first one starts, one stoppable on its own', async () => {
    sim.configure({
      responder: (req) =>
        turnNumber(req.messages) < 2 ? { text: 'Looking.', toolUses: [{ name: 'echo', input: {} }] } : 'Answer.',
    });
    const stop = new AbortController();
    const seen: string[] = [];
    sim.holdResponses();
    const run = invokeParallelAgents(
      [
        { prompt: 'A', tools: [echoTool()] },
        { prompt: 'B', tools: [echoTool()] },
        {
          prompt: 'C',
          tools: [{ ...echoTool(), run: () => (stop.abort(), Promise.resolve('stopping')) }],
          signal: stop.signal,
        },
      ],
      {
        client,
        model: MODEL,
        sharedSystem: bigContext(),
        cacheSharedSystem: true,
        onEvent: (e) => seen.push(`${e.index}:${e.type}`),
      },
    );
    await sim.waitForRequests(1); // the first agent's first turn, alone until its reply begins
    sim.releaseResponses(1);
    await sim.waitForRequests(3); // two more (the others' first turns, or one and the first's next turn), both held open
    sim.releaseResponses();
    const results = await run;
    assert.deepEqual(
      results.map((r) => r.endReason),
      ['answered', 'answered', 'interrupted'],
    );
    assert.ok(sim.maxConcurrent >= 2, `maxConcurrent ${sim.maxConcurrent}`);
    const writes = sim.log.filter((e) => e.usage.cache_creation_input_tokens > 3000).length;
    assert.equal(writes, 1, 'one write of the shared context, the others read it');
    assert.ok(seen.includes('2:done') && seen.includes('0:toolResult'));
  });
});
