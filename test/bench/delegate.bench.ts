// A delegation that changes code, end to end against the simulator: the planner, two tool-using
// sub-agents of three turns each (read, propose, summarise) and the integration, over one shared code
// context. The figure is the share of input tokens read from the cache, and the billed input cost
// against the same tokens without caching.
import { costOf, sumUsage, type ClientConfig, type Usage } from '../../src/core';
import { openAgentWorkspace, planTask, runDelegation, toolsPrefixExtra, type Subtask } from '../../src/delegate';
import { MemoryWorkspaceFs } from '../support/memoryWorkspaceFs';
import { latestToolResults, startSimulator, turnNumber, type SimRequest } from '../support/simulator';
import { median, type Row } from './stats';

const MODEL = 'claude-sonnet-5-5';
const FILES = ['src/users.ts', 'src/orders.ts'];
let salt = 0;
const context = (): string =>
  `run ${salt++}\n` +
  Array.from({ length: 2000 }, (_, i) => `  ${i}| const item${i} = await repository.load(${i}); // shared line`).join(
    '\n',
  );

function responder(req: SimRequest) {
  const first = JSON.stringify((req.messages[0] as { content: unknown }).content);
  const file = FILES.find((f) => first.includes(f));
  if (!file || !req.tools?.length || req.body['tool_choice'] !== undefined) return undefined;
  switch (turnNumber(req.messages)) {
    case 0:
      return { text: `Reading ${file}.`, toolUses: [{ name: 'read_file', input: { path: file } }] };
    case 1:
      return {
        text: `Read ${latestToolResults(req.messages)[0]?.content.length ?? 0} characters.`,
        toolUses: [
          {
            name: 'propose_edit',
            input: { path: file, startLine: 1, endLine: 0, newText: '// validated', reason: 'Validate.' },
          },
        ],
      };
    default:
      return `Validated ${file}.`;
  }
}

export async function runDelegateBench(rounds: number): Promise<Row[]> {
  const sim = await startSimulator({
    apiKey: 'bench-key',
    timeToFirstTokenMs: 50,
    tokensPerSecond: 0,
    outputTokens: 120,
    responder,
  });
  const client: ClientConfig = { apiKey: 'bench-key', baseURL: sim.url };
  const fs = new MemoryWorkspaceFs(
    '/ws',
    FILES.map((f) => [
      f,
      Array.from({ length: 80 }, (_, i) => `export const ${f.replace(/\W/g, '_')}${i} = ${i};`).join('\n'),
    ]),
  );
  const subtasks: Subtask[] = FILES.map((f, i) => ({
    id: `subtask-${i + 1}`,
    title: `Validate ${f}`,
    instructions: `Validate the input in ${f}.`,
  }));
  try {
    const shares: number[] = [];
    const ratios: number[] = [];
    let calls = 0;
    for (let round = 0; round < rounds; round++) {
      sim.reset();
      const contextText = context();
      const planned = await planTask({
        task: 'Validate input',
        contextText,
        maxSubtasks: 4,
        client,
        model: MODEL,
        extra: toolsPrefixExtra(),
      });
      const run = await runDelegation({
        task: 'Validate input',
        contextText,
        subtasks,
        client,
        model: MODEL,
        maxWorkers: 2,
        workspace: openAgentWorkspace({ root: '/ws', fs, respectGitignore: false }),
      });
      if (run.status !== 'completed' || run.changeSet?.edits.length !== 2)
        throw new Error(`bench delegation: ${run.message}`);
      const usage: Usage = sumUsage([planned.result.usage, run.usage]);
      const input = usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens;
      shares.push(usage.cacheReadTokens / input);
      const billed = costOf({ ...usage, outputTokens: 0 }, MODEL).inputUsd ?? NaN;
      const uncached =
        costOf({ inputTokens: input, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 }, MODEL).inputUsd ?? NaN;
      ratios.push(billed / uncached);
      calls = sim.log.length;
    }
    const share = median(shares);
    return [
      { figure: `calls per delegation (planner, 2 agents x 3 turns, integration)`, value: String(calls) },
      {
        figure: 'cache read share of input tokens, delegation with sub-agents',
        value: share.toFixed(3),
        target: '>= 0.80',
        met: share >= 0.8,
      },
      { figure: 'billed input / same tokens uncached', value: median(ratios).toFixed(3) },
    ];
  } finally {
    await sim.close();
  }
}
