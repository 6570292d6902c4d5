// What a delegation's panel shows of its run, read from its events: how sections end, sub-agent logs.
import assert from 'node:assert/strict';
import { addCosts, emptyUsage, type ToolCall } from '../../../src/core';
import {
  AgentLogs,
  integrationEnd,
  subtaskEnd,
  type IntegrationOutcome,
  type SubtaskOutcome,
  type ToolStepEvent,
} from '../../../src/delegate';

const subtask = { id: 'subtask-1', title: 'Part 1', instructions: 'Do it.' };
const outcome = (patch: Partial<SubtaskOutcome>): SubtaskOutcome => ({
  index: 0,
  subtask,
  status: 'completed',
  succeeded: true,
  text: 'done',
  truncated: false,
  usage: emptyUsage(),
  cost: addCosts([]),
  elapsedMs: 10,
  ...patch,
});
const integration = (patch: Partial<IntegrationOutcome>): IntegrationOutcome => ({
  status: 'completed',
  text: 'answer',
  missing: [],
  usage: emptyUsage(),
  cost: addCosts([]),
  elapsedMs: 10,
  ...patch,
});
const call = (name: string, input: unknown): ToolCall => ({ id: `${name}-1`, name, input }) as ToolCall;

describe('delegate: what the panel shows of a run', () => {
  it('says how each subtask ended, and why when it is not plainly done', () => {
    assert.deepEqual(subtaskEnd(outcome({})), { status: 'done' });
    assert.deepEqual(subtaskEnd(outcome({ truncated: true })), {
      status: 'done',
      note: 'Cut off at the maxTokens limit.',
    });
    assert.deepEqual(subtaskEnd(outcome({ succeeded: false, status: 'interrupted' })), {
      status: 'cancelled',
      note: 'Cancelled; the partial text is kept.',
    });
    assert.deepEqual(subtaskEnd(outcome({ succeeded: false, status: 'notStarted' })), {
      status: 'cancelled',
      note: 'Cancelled before it started.',
    });
    assert.deepEqual(subtaskEnd(outcome({ succeeded: false, status: 'failed', reason: 'failed: 400 bad' })), {
      status: 'failed',
      note: 'Failed: 400 bad',
    });
  });

  it('says how the integration ended, naming the missing parts; skipped reads cancelled only when cancelled', () => {
    const missing = [{ title: 'Part 2', reason: 'failed: 500' }];
    assert.deepEqual(integrationEnd(integration({ missing }), false), {
      status: 'done',
      note: 'Missing: "Part 2" (failed: 500).',
    });
    const skipped = integration({ status: 'skipped', message: 'No subtask succeeded.', missing });
    assert.equal(integrationEnd(skipped, false).status, 'failed');
    assert.equal(integrationEnd(skipped, true).status, 'cancelled');
    assert.equal(integrationEnd(skipped, true).note, 'No subtask succeeded. Missing: "Part 2" (failed: 500).');
    assert.equal(integrationEnd(integration({ status: 'interrupted' }), false).status, 'cancelled');
    assert.deepEqual(integrationEnd(integration({ status: 'failed', message: 'boom' }), true), {
      status: 'failed',
      note: 'boom',
    });
  });

  it('logs a sub-agent’s calls, marks a refused one on its own call, and cleans what it shows', () => {
    const logs = new AgentLogs(2, (t) => t.replace('SECRET', '[redacted]'));
    const read = call('read_file', { path: 'src/a.ts', startLine: 1, endLine: 20 });
    const env = call('read_file', { path: '.env' });
    const steps: ToolStepEvent[] = [
      { type: 'toolCall', call: read },
      { type: 'toolCall', call: env },
      { type: 'toolResult', call: read, content: 'const a = 1;', isError: false },
      { type: 'toolResult', call: env, content: 'Refused: .env holds SECRET values\nmore', isError: true },
    ] as ToolStepEvent[];
    const lines = steps.map((s) => logs.step(1, s));
    assert.deepEqual(lines, [
      '\n→ read src/a.ts 1–20',
      '\n→ read .env',
      undefined,
      '  ✗ Refused: .env holds [redacted] values',
    ]);
    logs.proposal(1, {
      kind: 'replace',
      path: 'src/a.ts',
      startLine: 3,
      endLine: 4,
      oldText: 'y',
      newText: 'x',
      reason: 'drop SECRET',
    });
    logs.done(1, outcome({ partial: 'stopped at the turn limit' }));
    assert.deepEqual(logs.get(1), {
      steps: [{ text: 'read src/a.ts 1–20' }, { text: 'read .env', error: 'Refused: .env holds [redacted] values' }],
      proposals: ['src/a.ts 3–4: drop [redacted]'],
      running: false,
      cost: logs.get(1).cost,
      partial: 'stopped at the turn limit',
    });
    assert.match(logs.get(1).cost ?? '', /\$|unknown/);
    assert.deepEqual(logs.get(0), { steps: [], proposals: [], running: true });
  });
});
