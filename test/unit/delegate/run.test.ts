import assert from 'node:assert/strict';
import {
  planTask,
  runDelegation,
  type Subtask,
  type SubtaskOutcome,
  type IntegrationOutcome,
} from '../../../src/delegate';
import type { ClientConfig } from '../../../src/core';
import type { Simulator, SimRequest } from '../../support/simulator';
import { sampleFile, withSimulator } from '../chat/helpers';

const MODEL = 'claude-sonnet-5-5';
const subtasks = (n: number): Subtask[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `subtask-${i + 1}`,
    title: `Part ${i + 1}`,
    instructions: `Do part ${i + 1} (marker-${i + 1}).`,
  }));
const isIntegration = (req: SimRequest): boolean =>
  JSON.stringify(req.messages).includes('Write the integrated answer');
const lastPrompt = (sim: Simulator): string => JSON.stringify((sim.log.at(-1)?.body as { messages: unknown }).messages);

describe('delegate: runDelegation', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => ({ sim, client } = await withSimulator()));
  afterEach(() => {
    sim.reset();
    sim.configure({ tokensPerSecond: 0, outputTokens: 60, timeToFirstTokenMs: 5, responder: () => undefined });
  });
  after(() => sim.close());

  it('runs the subtasks concurrently over the cached context, then integrates them', async () => {
    sim.configure({ tokensPerSecond: 1000, outputTokens: 150 });
    const context = sampleFile(150);
    const texts = ['', '', '', ''];
    let integrated = '';
    const order: string[] = [];
    // Each reply streams its first tokens and stays open until all four subtasks are here.
    sim.holdResponses({ afterTokens: 4 });
    const run = runDelegation({
      task: 'Improve the handlers',
      contextText: context,
      subtasks: subtasks(4),
      client,
      model: MODEL,
      maxWorkers: 4,
      onEvent: (e) => {
        if (e.type === 'subtaskStart') order.push(`start ${e.index}`);
        else if (e.type === 'subtaskText') texts[e.index] += e.text;
        else if (e.type === 'subtaskDone') order.push(`done ${e.index}`);
        else if (e.type === 'integrationStart') order.push('integration start');
        else if (e.type === 'integrationText') integrated += e.text;
        else if (e.type === 'integrationDone') order.push('integration done');
      },
    });
    await sim.waitForRequests(4);
    assert.equal(sim.inFlight(), 4, 'the four subtasks stream at once');
    sim.releaseResponses();
    const result = await run;
    assert.equal(result.status, 'completed', result.message);
    assert.equal(result.message, 'All 4 subtasks succeeded and were integrated.');
    assert.equal(sim.log.length, 5);
    result.subtasks.forEach((o, i) => assert.equal(o.text, texts[i]));
    assert.equal(result.integration.text, integrated);
    assert.equal(order.at(-1), 'integration done');
    assert.equal(order.filter((o) => o.startsWith('done')).length, 4);
    // One cache write for the shared context, read by the other subtasks and by the integration.
    const reads = result.subtasks.filter((o) => o.usage.cacheReadTokens > 0).length;
    assert.ok(reads >= 3, `${reads} subtasks read the cache`);
    assert.ok(result.integration.usage.cacheReadTokens > 0, 'the integration reads the cached context');
    for (const entry of sim.log)
      assert.ok(JSON.stringify(entry.body).includes('handler149'), 'every call carries the context');
    const sum = result.subtasks.reduce((n, o) => n + o.usage.outputTokens, 0) + result.integration.usage.outputTokens;
    assert.equal(result.usage.outputTokens, sum);
    assert.ok((result.cost.usd ?? 0) > 0);
    // The integration prompt carries each result.
    assert.match(lastPrompt(sim), /subtask-result title=\\"Part 3\\"/);
  });

  it('a failing subtask: the integration still runs and names what is missing', async () => {
    sim.enqueueFault({
      kind: 'status',
      status: 400,
      message: 'subtask rejected for the test',
      match: (req) => JSON.stringify(req.messages).includes('marker-2'),
    });
    const done: SubtaskOutcome[] = [];
    const result = await runDelegation({
      task: 'Do three things',
      subtasks: subtasks(3),
      client,
      model: MODEL,
      maxWorkers: 3,
      onEvent: (e) => {
        if (e.type === 'subtaskDone') done.push(e.outcome);
      },
    });
    assert.equal(result.status, 'completed');
    const failed = result.subtasks[1]!;
    assert.equal(failed.status, 'failed');
    assert.equal(failed.succeeded, false);
    assert.match(failed.reason ?? '', /^failed: 400 invalid_request_error: subtask rejected for the test/);
    assert.equal(done.length, 3);
    assert.deepEqual(
      result.integration.missing.map((m) => m.title),
      ['Part 2'],
    );
    const prompt = lastPrompt(sim);
    assert.match(prompt, /<missing-subtasks>/);
    assert.match(prompt, /- \\"Part 2\\" \(failed: 400 invalid_request_error/);
    assert.doesNotMatch(prompt, /subtask-result title=\\"Part 2\\"/);
    assert.match(result.message, /Integrated 2 of 3 subtasks; missing: "Part 2" \(failed: /);
  });

  it('skips the integration, with a clear message, when no subtask succeeded', async () => {
    sim.enqueueFault({ kind: 'status', status: 400, times: 2 });
    let integrationDone: IntegrationOutcome | undefined;
    const result = await runDelegation({
      task: 't',
      subtasks: subtasks(2),
      client,
      model: MODEL,
      maxWorkers: 2,
      onEvent: (e) => {
        if (e.type === 'integrationDone') integrationDone = e.outcome;
      },
    });
    assert.equal(result.status, 'failed');
    assert.equal(result.integration.status, 'skipped');
    assert.match(result.message, /No subtask succeeded, so there is nothing to integrate \("Part 1" failed: 400/);
    assert.equal(integrationDone?.status, 'skipped');
    assert.equal(sim.log.length, 2, 'no integration request');
  });

  it('cancelling while subtasks stream aborts every request at once and keeps the partial text', async () => {
    sim.configure({ tokensPerSecond: 150, outputTokens: 3000 });
    const controller = new AbortController();
    const texts = ['', '', ''];
    const result = await runDelegation({
      task: 'Long task',
      contextText: sampleFile(150),
      subtasks: subtasks(3),
      client,
      model: MODEL,
      maxWorkers: 3,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== 'subtaskText') return;
        texts[e.index] += e.text;
        if (texts.every((t) => t.length > 30)) controller.abort();
      },
    });
    await sim.waitForIdle();
    assert.equal(result.status, 'cancelled');
    assert.equal(sim.log.length, 3, 'the integration never started');
    for (const entry of sim.log) assert.equal(entry.aborted, true);
    result.subtasks.forEach((o, i) => {
      assert.equal(o.status, 'interrupted');
      assert.equal(o.text, texts[i]);
      assert.ok(o.text.length > 30);
    });
    assert.equal(result.integration.status, 'skipped');
    assert.match(result.message, /^Cancelled: 0 of 3 subtasks had finished; partial results are kept\.$/);
  });

  it('cancelling during the integration keeps its partial text', async () => {
    sim.enqueueFault({ kind: 'slow', tokensPerSecond: 150, match: isIntegration });
    sim.configure({ outputTokens: 2000, responder: (req) => (isIntegration(req) ? undefined : 'short result') });
    const controller = new AbortController();
    let integrated = '';
    const result = await runDelegation({
      task: 'Task',
      subtasks: subtasks(2),
      client,
      model: MODEL,
      maxWorkers: 2,
      signal: controller.signal,
      onEvent: (e) => {
        // The integration streams 80 characters, then stays open: the cancel comes mid-reply.
        if (e.type === 'integrationStart') sim.holdResponses({ afterTokens: 20 });
        if (e.type !== 'integrationText') return;
        integrated += e.text;
        if (integrated.length > 40) controller.abort();
      },
    });
    await sim.waitForIdle();
    assert.equal(result.status, 'cancelled');
    assert.equal(result.integration.status, 'interrupted');
    assert.equal(result.integration.text, integrated);
    assert.equal(sim.log.at(-1)?.aborted, true);
    assert.equal(result.message, 'Cancelled during the integration step; the partial answer is kept.');
    assert.deepEqual(
      result.subtasks.map((o) => o.status),
      ['completed', 'completed'],
    );
  });

  it('cancelled before it starts: no request at all', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runDelegation({
      task: 't',
      subtasks: subtasks(3),
      client,
      model: MODEL,
      maxWorkers: 3,
      signal: controller.signal,
    });
    assert.equal(result.status, 'cancelled');
    assert.equal(sim.log.length, 0);
    assert.deepEqual(
      result.subtasks.map((o) => o.status),
      ['notStarted', 'notStarted', 'notStarted'],
    );
    assert.equal(result.integration.message, 'Cancelled before any subtask started.');
  });

  it('a single subtask needs no integration call', async () => {
    const result = await runDelegation({ task: 't', subtasks: subtasks(1), client, model: MODEL, maxWorkers: 1 });
    assert.equal(result.status, 'completed');
    assert.equal(result.integration.passthrough, true);
    assert.equal(result.integration.text, result.subtasks[0]?.text);
    assert.equal(sim.log.length, 1);
  });

  it('the planner writes the context to the cache; every subtask and the integration read it', async () => {
    const context = sampleFile(150);
    sim.configure({
      responder: (req) =>
        req.output_config?.format
          ? JSON.stringify({ subtasks: subtasks(3).map(({ title, instructions }) => ({ title, instructions })) })
          : undefined,
    });
    const { plan, result: planner } = await planTask({
      task: 'Improve',
      contextText: context,
      maxSubtasks: 6,
      client,
      model: MODEL,
    });
    assert.equal(plan.subtasks.length, 3);
    assert.ok(planner.usage.cacheWriteTokens > 0);
    const result = await runDelegation({
      task: 'Improve',
      contextText: context,
      subtasks: plan.subtasks,
      client,
      model: MODEL,
      maxWorkers: 3,
    });
    assert.equal(result.status, 'completed');
    for (const o of result.subtasks)
      assert.ok(
        o.usage.cacheReadTokens >= planner.usage.cacheWriteTokens,
        `subtask ${o.index} read ${o.usage.cacheReadTokens}`,
      );
    assert.ok(result.integration.usage.cacheReadTokens >= planner.usage.cacheWriteTokens);
  });
});
