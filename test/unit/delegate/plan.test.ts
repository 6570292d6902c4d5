import assert from 'node:assert/strict';
import { PLAN_SCHEMA, buildPlanRequest, maxSubtasksFor, parsePlan, planTask, renumber } from '../../../src/delegate';
import type { ClientConfig } from '../../../src/core';
import type { Simulator } from '../../support/simulator';
import { withSimulator } from '../chat/helpers';

const plan = (...items: Array<[string, string]>) =>
  JSON.stringify({ subtasks: items.map(([title, instructions]) => ({ title, instructions })) });

describe('delegate: plan', () => {
  it('the schema is strict: additionalProperties false and every property required', () => {
    const check = (schema: Record<string, unknown>): void => {
      if (schema['type'] === 'object') {
        assert.equal(schema['additionalProperties'], false);
        assert.deepEqual(
          [...(schema['required'] as string[])].sort(),
          Object.keys(schema['properties'] as object).sort(),
        );
        for (const sub of Object.values(schema['properties'] as Record<string, Record<string, unknown>>)) check(sub);
      }
      if (schema['type'] === 'array') check(schema['items'] as Record<string, unknown>);
    };
    check(PLAN_SCHEMA);
  });

  it('asks for at most maxConcurrency × 2 subtasks, with the context first', () => {
    assert.equal(maxSubtasksFor(3), 6);
    assert.equal(maxSubtasksFor(50), 20);
    const context = 'x'.repeat(9000);
    const request = buildPlanRequest({
      task: 'Add logging',
      maxSubtasks: 6,
      model: 'claude-sonnet-5-5',
      contextText: context,
    });
    assert.match(request.prompt, /at most 6 independent subtasks/);
    assert.equal(request.outputFormat.type, 'json_schema');
    assert.ok(Array.isArray(request.system));
    const blocks = request.system as Array<{ text: string; cache_control?: unknown }>;
    assert.equal(blocks[0]?.text, context);
    assert.deepEqual(blocks[0]?.cache_control, { type: 'ephemeral' });
    assert.equal(typeof buildPlanRequest({ task: 't', maxSubtasks: 2, model: 'm' }).system, 'string');
  });

  it('reads bare JSON, fenced JSON and JSON inside prose', () => {
    const bare = parsePlan(plan(['A', 'do a'], ['B', 'do b']), 10);
    assert.deepEqual(bare.subtasks, [
      { id: 'subtask-1', title: 'A', instructions: 'do a' },
      { id: 'subtask-2', title: 'B', instructions: 'do b' },
    ]);
    assert.deepEqual(bare.notes, []);
    const fenced = parsePlan(`Here is the plan:\n\n\`\`\`json\n${plan(['A', 'do a'])}\n\`\`\`\nGood luck!`, 10);
    assert.deepEqual(
      fenced.subtasks.map((s) => s.title),
      ['A'],
    );
    const prose = parsePlan(
      `Sure. I would split it like this ${plan(['A', 'do {a}'], ['B', 'do "b"'])} and then integrate.`,
      10,
    );
    assert.deepEqual(
      prose.subtasks.map((s) => s.instructions),
      ['do {a}', 'do "b"'],
    );
    const list = parsePlan('[{"title":"A","instructions":"do a"}]', 10);
    assert.equal(list.subtasks.length, 1);
  });

  it('drops empty and duplicate subtasks, makes titles unique, fills missing titles', () => {
    const parsed = parsePlan(
      JSON.stringify({
        subtasks: [
          { title: 'Tests', instructions: 'Write unit tests for the parser.' },
          { title: 'Empty', instructions: '   ' },
          { title: 'Tests again', instructions: 'write unit tests   for the PARSER.' },
          { title: 'Tests', instructions: 'Write tests for the printer.' },
          { title: '', instructions: 'Document the public functions of the module in README.md' },
        ],
      }),
      10,
    );
    assert.deepEqual(
      parsed.subtasks.map((s) => s.title),
      ['Tests', 'Tests (2)', 'Document the public functions of the'],
    );
    assert.deepEqual(parsed.notes, ['Dropped 1 empty subtask.', 'Dropped 1 duplicate subtask.']);
  });

  it('keeps at most `max` subtasks and says so', () => {
    const items = Array.from({ length: 9 }, (_, i): [string, string] => [`T${i}`, `instructions ${i}`]);
    const parsed = parsePlan(plan(...items), 4);
    assert.deepEqual(
      parsed.subtasks.map((s) => s.id),
      ['subtask-1', 'subtask-2', 'subtask-3', 'subtask-4'],
    );
    assert.match(parsed.notes.join(' '), /proposed 9 subtasks; only the first 4 are kept/);
  });

  it('reports an answer without a usable plan', () => {
    assert.match(parsePlan('I cannot split this task.', 5).error ?? '', /no JSON plan/);
    assert.match(parsePlan('{"steps": 3}', 5).error ?? '', /without a list of subtasks/);
    assert.match(parsePlan(plan(['A', '']), 5).error ?? '', /no usable subtask/);
    assert.equal(parsePlan('', 5).subtasks.length, 0);
  });

  it('renumber keeps ids in order after the user removed some', () => {
    assert.deepEqual(renumber([{ title: 'B', instructions: 'b' }]), [
      { id: 'subtask-1', title: 'B', instructions: 'b' },
    ]);
  });

  describe('against the simulator', () => {
    let sim: Simulator;
    let client: ClientConfig;
    before(async () => ({ sim, client } = await withSimulator()));
    after(() => sim.close());

    it('sends the structured-output request and parses the answer', async () => {
      sim.configure({
        responder: () =>
          plan(['Parser', 'Fix the parser.'], ['Docs', 'Update the docs.'], ['Parser', 'Fix the parser.']),
      });
      const { plan: parsed, result } = await planTask({
        task: 'Fix and document',
        maxSubtasks: 4,
        client,
        model: 'claude-sonnet-5-5',
      });
      assert.equal(result.status, 'completed');
      assert.deepEqual(
        parsed.subtasks.map((s) => s.title),
        ['Parser', 'Docs'],
      );
      const body = sim.log.at(-1)?.body as { output_config?: { format?: { type: string; schema: unknown } } };
      assert.equal(body.output_config?.format?.type, 'json_schema');
      assert.deepEqual(body.output_config?.format?.schema, PLAN_SCHEMA);
    });
  });
});
