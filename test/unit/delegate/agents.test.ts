import assert from 'node:assert/strict';
import {
  openAgentWorkspace,
  planTask,
  reconcile,
  runDelegation,
  staleReason,
  toolsPrefixExtra,
  type EditProposal,
  type Subtask,
} from '../../../src/delegate';
import type { ClientConfig } from '../../../src/core';
import { nodeWorkspaceFs } from '../../../src/node';
import { lastUserText, turnNumber, type SimRequest, type Simulator } from '../../support/simulator';
import { makeTree, type TempTree } from '../review/tempTree';
import { sampleFile, withSimulator } from '../chat/helpers';

const MODEL = 'claude-sonnet-5-5';
const subtasks: Subtask[] = [
  { id: 'subtask-1', title: 'Validate users', instructions: 'Validate input in src/users.ts (part-users).' },
  { id: 'subtask-2', title: 'Validate orders', instructions: 'Validate input in src/orders.ts (part-orders).' },
];
const firstUserText = (req: SimRequest): string => {
  const first = req.messages[0] as { content: unknown };
  return typeof first.content === 'string' ? first.content : JSON.stringify(first.content);
};
const isIntegration = (req: SimRequest): boolean => lastUserText(req).includes('Write the integrated answer');

/** Each agent: read its file, propose an edit, then summarise. */
function scripted(req: SimRequest) {
  if (isIntegration(req)) return 'Integrated: users and orders validate their input.';
  const file = firstUserText(req).includes('part-users') ? 'src/users.ts' : 'src/orders.ts';
  switch (turnNumber(req.messages)) {
    case 0:
      return {
        text: `Reading ${file}. ${'Looking at the handler first. '.repeat(8)}`,
        toolUses: [{ name: 'read_file', input: { path: file, startLine: 1, endLine: 3 } }],
      };
    case 1:
      return {
        text: 'Proposing.',
        toolUses: [
          {
            name: 'propose_edit',
            input: {
              path: file,
              startLine: 2,
              endLine: 2,
              newText: '  if (!input) throw new Error("invalid");',
              reason: `Validate input in ${file}.`,
            },
          },
        ],
      };
    default:
      return `Validated ${file}.`;
  }
}

describe('delegate: sub-agents that propose edits', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let tree: TempTree;
  before(async () => ({ sim, client } = await withSimulator()));
  beforeEach(() => {
    tree = makeTree({
      'src/users.ts': 'export function createUser(input) {\n  return save(input);\n}\n',
      'src/orders.ts': 'export function createOrder(input) {\n  return store(input);\n}\n',
    });
  });
  afterEach(() => {
    tree.remove();
    sim.reset();
    sim.configure({ responder: () => undefined, tokensPerSecond: 0 });
  });
  after(() => sim.close());

  it('runs the sub-agents concurrently over the cached context and returns one labelled change set', async () => {
    sim.configure({ responder: scripted, tokensPerSecond: 400 });
    const steps: string[] = [];
    const proposed: string[] = [];
    // Each reply streams its first tokens and stays open until both agents' first turns are here.
    sim.holdResponses({ afterTokens: 4 });
    const run = runDelegation({
      task: 'Add input validation to every route handler',
      contextText: sampleFile(150),
      subtasks,
      client,
      model: MODEL,
      maxWorkers: 2,
      workspace: openAgentWorkspace({ root: tree.root, fs: nodeWorkspaceFs }),
      onEvent: (e) => {
        if (e.type === 'subtaskStep') steps.push(`${e.index}:${e.step.type}:${e.step.call.name}`);
        else if (e.type === 'subtaskProposal') proposed.push(`${e.index}:${e.proposal.path}`);
      },
    });
    await sim.waitForRequests(2);
    sim.releaseResponses();
    const result = await run;
    assert.equal(result.status, 'completed', result.message);
    assert.equal(result.integration.text, 'Integrated: users and orders validate their input.');
    assert.deepEqual(proposed.sort(), ['0:src/users.ts', '1:src/orders.ts']);
    assert.ok(steps.includes('0:toolCall:read_file') && steps.includes('1:toolResult:propose_edit'));
    const set = result.changeSet!;
    assert.deepEqual(set.files.sort(), ['src/orders.ts', 'src/users.ts']);
    assert.deepEqual(
      set.edits.map((e) => [e.label, e.proposal.path, e.proposal.kind === 'replace' && e.proposal.oldText]),
      [
        ['Validate users', 'src/users.ts', '  return save(input);'],
        ['Validate orders', 'src/orders.ts', '  return store(input);'],
      ],
    );
    assert.equal(set.conflicts.length, 0);
    // Nothing was written while the agents worked.
    assert.ok(
      nodeWorkspaceFs &&
        (await import('node:fs')).readFileSync(`${tree.root}/src/users.ts`, 'utf8').includes('return save(input)'),
    );
    // Both agents' read_file turns were in flight together.
    const readTurns = sim.log.filter(
      (e) =>
        turnNumber((e.body as { messages: unknown[] }).messages) === 0 &&
        !isIntegration(e.body as unknown as SimRequest),
    );
    assert.equal(readTurns.length, 2);
    assert.ok(readTurns[1]!.receivedAt < readTurns[0]!.endedAt!, 'the second agent started while the first streamed');
    assert.ok(sim.maxConcurrent >= 2);
    // One write of the shared context; every later call reads it.
    const writes = sim.log.filter((e) => e.usage.cache_creation_input_tokens >= 1000).length;
    assert.equal(writes, 1);
    assert.ok(sim.log.slice(1).every((e) => e.usage.cache_read_input_tokens > 0));
    assert.deepEqual(
      result.subtasks.map((o) => o.toolCalls),
      [2, 2],
    );
    const integrationPrompt = JSON.stringify(sim.log.at(-1)!.body);
    assert.ok(integrationPrompt.includes('Files changed: src/users.ts, src/orders.ts.'));
  });

  it('keeps an agent\'s turns apart, streamed and in its result: no "…first.Proposing…"', async () => {
    sim.configure({ responder: scripted, tokensPerSecond: 400 });
    const streamed = ['', ''];
    const result = await runDelegation({
      task: 'Add input validation to every route handler',
      subtasks,
      client,
      model: MODEL,
      maxWorkers: 2,
      workspace: openAgentWorkspace({ root: tree.root, fs: nodeWorkspaceFs }),
      onEvent: (e) => {
        if (e.type === 'subtaskText') streamed[e.index] += e.text;
      },
    });
    assert.equal(result.status, 'completed', result.message);
    const first = `Reading src/users.ts. ${'Looking at the handler first. '.repeat(8)}`;
    const expected = `${first}\n\nProposing.\n\nValidated src/users.ts.`;
    assert.equal(streamed[0], expected, 'streamed to the panel with a break between turns');
    assert.equal(result.subtasks[0]!.text, expected, 'the result the integration reads, the same');
  });

  it('with the tools in its prefix, the planner writes the one cache entry the agents and the integrator read', async () => {
    const context = sampleFile(150);
    await planTask({
      task: 'Validate',
      contextText: context,
      maxSubtasks: 4,
      client,
      model: MODEL,
      extra: toolsPrefixExtra(),
    });
    sim.configure({ responder: scripted });
    await runDelegation({
      task: 'Validate',
      contextText: context,
      subtasks,
      client,
      model: MODEL,
      maxWorkers: 2,
      workspace: openAgentWorkspace({ root: tree.root, fs: nodeWorkspaceFs }),
    });
    const contextWrites = sim.log.filter((e) => e.usage.cache_creation_input_tokens >= 1000).length;
    assert.equal(contextWrites, 1);
    assert.ok(
      sim.log.slice(1).every((e) => e.usage.cache_read_input_tokens >= sim.log[0]!.usage.cache_creation_input_tokens),
    );
    assert.deepEqual((sim.log[0]!.body as { tool_choice: unknown }).tool_choice, { type: 'none' });
  });

  it('keeps and labels the proposals of an agent that hits its turn limit, and of one the user stops', async () => {
    const stop = new AbortController();
    sim.configure({
      responder: (req) => {
        if (isIntegration(req)) return 'Integrated.';
        const users = firstUserText(req).includes('part-users');
        const file = users ? 'src/users.ts' : 'src/orders.ts';
        if (!users && turnNumber(req.messages) === 1) stop.abort();
        return {
          text: 'Working.',
          toolUses: [
            {
              name: 'propose_edit',
              input: {
                path: file,
                startLine: 1,
                endLine: 0,
                newText: `// turn ${turnNumber(req.messages)}`,
                reason: 'Note.',
              },
            },
          ],
        };
      },
    });
    const result = await runDelegation({
      task: 'Annotate',
      subtasks,
      client,
      model: MODEL,
      maxWorkers: 2,
      workspace: openAgentWorkspace({ root: tree.root, fs: nodeWorkspaceFs }),
      agentLimits: { maxTurns: 2 },
      stopSignals: [undefined, stop.signal],
    });
    const [users, orders] = result.subtasks;
    assert.equal(users!.partial, 'stopped at the turn limit');
    assert.equal(users!.proposals!.length, 2);
    assert.equal(orders!.partial, 'stopped');
    assert.equal(orders!.proposals!.length, 1);
    assert.ok(users!.succeeded && orders!.succeeded);
    assert.deepEqual(
      result.changeSet!.edits.map((e) => e.label),
      ['Validate users (stopped at the turn limit)', 'Validate orders (stopped)'],
    );
    assert.equal(result.changeSet!.conflicts.length, 1, 'two insertions at the same place conflict');
    assert.equal(result.status, 'completed');
  });
});

describe('delegate: reconciling proposals', () => {
  const replace = (path: string, startLine: number, endLine: number, reason = 'r'): EditProposal => ({
    kind: 'replace',
    path,
    startLine,
    endLine,
    oldText: '',
    newText: 'x',
    reason,
  });

  it('keeps the first of two edits on the same lines and reports the other', () => {
    const set = reconcile([
      { subtaskIndex: 0, label: 'A', proposals: [replace('a.ts', 3, 5), replace('b.ts', 1, 1)] },
      { subtaskIndex: 1, label: 'B', proposals: [replace('a.ts', 5, 6), replace('a.ts', 6, 8), replace('a.ts', 1, 2)] },
    ]);
    assert.deepEqual(
      set.edits.map((e) => `${e.label}:${e.proposal.path}:${e.proposal.kind === 'replace' && e.proposal.startLine}`),
      ['A:a.ts:3', 'A:b.ts:1', 'B:a.ts:6', 'B:a.ts:1'],
    );
    assert.deepEqual(
      set.conflicts.map((c) => c.message),
      ['a.ts: "B" proposed lines 5–6, which "A" already changes (lines 3–5); only the first is kept.'],
    );
  });

  it('refuses at apply time an edit whose lines changed since they were read', () => {
    const edit: EditProposal = {
      kind: 'replace',
      path: 'a.ts',
      startLine: 2,
      endLine: 2,
      oldText: 'two',
      newText: 'TWO',
      reason: 'r',
    };
    assert.equal(staleReason(edit, 'one\ntwo\nthree\n'), undefined);
    assert.equal(
      staleReason(edit, 'one\n2\nthree\n'),
      'a.ts changed since the agent read it (lines 2–2 differ); this edit was not applied.',
    );
    assert.equal(staleReason(edit, undefined), 'a.ts no longer exists.');
    assert.match(
      staleReason({ kind: 'create', path: 'n.ts', newText: '', reason: 'r' }, 'exists')!,
      /was created meanwhile/,
    );
  });
});

describe('delegate: the demo responder scripts a two-part change (as the browser test drives it)', () => {
  it('plans two subtasks whose agents each read and annotate their own file of the sample workspace', async () => {
    const { demoResponder } = await import('../../support/demoResponder');
    const { DEMO_CHANGE_FILES } = await import('../../support/demoAgents');
    const { sim, client } = await withSimulator({ responder: demoResponder });
    try {
      const root = new URL('../../e2e/fixtures/sample-workspace', import.meta.url).pathname;
      const task = 'Make a two-part change: annotate the files';
      const { plan } = await planTask({ task, maxSubtasks: 4, client, model: MODEL, extra: toolsPrefixExtra() });
      const result = await runDelegation({
        task,
        subtasks: plan.subtasks,
        client,
        model: MODEL,
        maxWorkers: 2,
        workspace: openAgentWorkspace({ root, fs: nodeWorkspaceFs }),
      });
      assert.equal(result.status, 'completed', result.message);
      assert.deepEqual(
        result.changeSet!.edits.map((e) => [e.label, e.proposal.path, e.proposal.newText]),
        DEMO_CHANGE_FILES.map((f) => [f.title, f.path, f.line]),
      );
      assert.equal(sim.log.length, 1 + 2 * 3 + 1);
    } finally {
      await sim.close();
    }
  });
});
