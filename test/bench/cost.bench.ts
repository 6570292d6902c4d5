// Cost and cache economics (issue 12): the estimate against what the simulator bills, a second review
// within the cache lifetime, a mixed-model fan-out, a 10-prompt fan-out's listener hygiene, and what
// the verify pass's cache reads save (issue 13).
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  WarmPrefixes,
  costOf,
  invokeClaude,
  invokeParallel,
  type ClientConfig,
  type ParallelPrompt,
} from '../../src/core';
import { nodeWorkspaceFs } from '../../src/node';
import { buildChatPrompt, ChatSession, gatherFileContext, ThreadStore, type KeyValueStore } from '../../src/chat';
import { BUILTIN_EXPERTS, runReviewPipeline, verifyFindings, type Finding, type ReviewEvent } from '../../src/review';
import { startSimulator } from '../support/simulator';
import { median, type Row } from './stats';

const MODEL = 'claude-sonnet-5-5';
let salt = 0;
const sharedContext = (): string =>
  `run ${salt++}\n` +
  Array.from({ length: 2000 }, (_, i) => `  ${i}| const item${i} = await repository.load(${i}); // shared line`).join(
    '\n',
  );
const prompts = (n: number, model?: string): ParallelPrompt[] =>
  Array.from({ length: n }, (_, i) => ({ prompt: `Review the code above as expert ${i}.`, ...(model && { model }) }));

async function wallTime<T>(run: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await run();
  return [performance.now() - t0, value];
}

/** A folder with about 20k tokens of code, reviewed by the 4 built-in experts with synthesis off. */
async function estimateVsBilled(client: ClientConfig): Promise<number> {
  const root = await fsp.mkdtemp(join(tmpdir(), 'cma-bench-cost-'));
  try {
    await fsp.mkdir(join(root, 'src'));
    await fsp.writeFile(join(root, 'src', 'big.ts'), sharedContext());
    let estimated = 0;
    const result = await runReviewPipeline({
      target: { kind: 'paths', paths: ['src'] },
      title: 'src',
      files: { fs: nodeWorkspaceFs, root },
      experts: { load: () => Promise.resolve({ experts: [...BUILTIN_EXPERTS], problems: [] }) },
      access: () => Promise.resolve(client),
      settings: {
        model: MODEL,
        maxTokens: 4096,
        maxConcurrency: 5,
        contextTokenBudget: 60_000,
        exclude: [],
        synthesis: false,
        fanOutStrategy: 'cacheAware',
      },
      onEvent: (e: ReviewEvent) => {
        if (e.type === 'planned') estimated = e.plan.estimate.inputUsd ?? 0;
      },
      store: { save: () => Promise.resolve() },
    });
    if (result.kind !== 'finished') throw new Error(`bench review stopped: ${result.message}`);
    return estimated / result.outcome.cost.inputUsd!;
  } finally {
    await fsp.rm(root, { recursive: true, force: true });
  }
}

/** The bench's chat threads are not kept. */
const NOWHERE: KeyValueStore = { get: () => undefined, update: () => Promise.resolve(), keys: () => [] };

interface ChatTurnCache {
  written: number;
  read: number;
  codeTokens: number;
}

/**
 * The first follow-up chat turn on a file reviewed a moment ago (it sends the review's blocks first)
 * and on a file that was not reviewed, each about 20k tokens: what each writes to and reads from the cache.
 */
async function chatAfterReview(client: ClientConfig): Promise<{ reviewed: ChatTurnCache; unreviewed: ChatTurnCache }> {
  const root = await fsp.mkdtemp(join(tmpdir(), 'cma-bench-chat-'));
  try {
    await fsp.mkdir(join(root, 'src'));
    const texts = { 'src/reviewed.ts': sharedContext(), 'src/unreviewed.ts': sharedContext() };
    for (const [path, text] of Object.entries(texts)) await fsp.writeFile(join(root, path), text);
    const result = await runReviewPipeline({
      target: { kind: 'paths', paths: [join(root, 'src/reviewed.ts')] },
      title: 'src/reviewed.ts',
      files: { fs: nodeWorkspaceFs, root },
      experts: { load: () => Promise.resolve({ experts: [...BUILTIN_EXPERTS], problems: [] }) },
      access: () => Promise.resolve(client),
      settings: {
        model: MODEL,
        maxTokens: 4096,
        maxConcurrency: 5,
        contextTokenBudget: 60_000,
        exclude: [],
        synthesis: false,
        fanOutStrategy: 'cacheAware',
      },
      onEvent: () => {},
      store: { save: () => Promise.resolve() },
    });
    if (result.kind !== 'finished') throw new Error(`bench review stopped: ${result.message}`);
    const turn = async (path: keyof typeof texts): Promise<ChatTurnCache> => {
      const file = await gatherFileContext({
        fs: nodeWorkspaceFs,
        path,
        filePath: join(root, path),
        workspaceRoot: root,
        text: texts[path],
        budgetTokens: 60_000,
      });
      const prompt = buildChatPrompt({
        file,
        model: MODEL,
        ...(result.reviewedCode[0] && { reviewed: result.reviewedCode[0] }),
      });
      const session = new ChatSession(new ThreadStore(NOWHERE), path, path);
      const reply = await session.send('What does item3 hold?', {
        runtime: { client, model: MODEL, maxTokens: 1024, maxHistoryTokens: 50_000 },
        system: prompt.system,
        ...(prompt.sharedSystem && { sharedSystem: prompt.sharedSystem }),
      });
      if (!reply.usage) throw new Error(`bench chat turn ${reply.status}: ${reply.note ?? ''}`);
      return {
        written: reply.usage.cacheWriteTokens,
        read: reply.usage.cacheReadTokens,
        codeTokens: file.included ? file.tokens : 0,
      };
    };
    return { reviewed: await turn('src/reviewed.ts'), unreviewed: await turn('src/unreviewed.ts') };
  } finally {
    await fsp.rm(root, { recursive: true, force: true });
  }
}

/**
 * Eight verifiers after a review has written the shared block: their billed input cost over what the
 * same requests would cost without the cache (every input token at the base price).
 */
async function verifyCacheRatio(client: ClientConfig): Promise<number> {
  const system = sharedContext();
  await invokeClaude('Review the code above.', { client, model: MODEL, system, cacheSystem: true }); // the review's cache write
  const findings: Finding[] = Array.from({ length: 8 }, (_, i) => ({
    id: `f${i}`,
    file: 'src/big.ts',
    startLine: i * 10 + 1,
    endLine: i * 10 + 2,
    severity: 'high',
    title: `Finding ${i}`,
    explanation: 'The loaded item is used before the await settles.',
    experts: ['Correctness'],
  }));
  const verified = await verifyFindings({
    findings,
    system,
    client,
    model: MODEL,
    maxWorkers: 5,
    events: { status: () => {}, text: () => {} },
  });
  const u = verified.usage;
  const uncached = costOf(
    {
      inputTokens: u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    },
    MODEL,
  ).inputUsd!;
  return verified.cost.inputUsd! / uncached;
}

async function listenerWarnings(client: ClientConfig): Promise<number> {
  let warnings = 0;
  const onWarning = (w: Error) => {
    if (w.name === 'MaxListenersExceededWarning') warnings++;
  };
  process.on('warning', onWarning);
  try {
    await invokeParallel(prompts(10), {
      client,
      model: MODEL,
      maxWorkers: 10,
      sharedSystem: sharedContext(),
      cacheSharedSystem: true,
      signal: new AbortController().signal,
    });
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

export async function runCostBench(rounds: number): Promise<Row[]> {
  const sim = await startSimulator({
    apiKey: 'bench-key',
    timeToFirstTokenMs: 400,
    tokensPerSecond: 150,
    outputTokens: 150,
  });
  const client: ClientConfig = { apiKey: 'bench-key', baseURL: sim.url };
  try {
    const estimate: number[] = [];
    const warmRatio: number[] = [];
    const coldRatio: number[] = [];
    const warmWrites: number[] = [];
    const mixedWrites: number[] = [];
    const verifyRatio: number[] = [];
    for (let round = 0; round < rounds; round++) {
      estimate.push(await estimateVsBilled(client));
      verifyRatio.push(await verifyCacheRatio(client));

      const context = sharedContext();
      const [single] = await wallTime(() =>
        invokeClaude('Review the code above.', { client, model: MODEL, system: sharedContext(), cacheSystem: true }),
      );
      const warm = new WarmPrefixes();
      const [cold] = await wallTime(() =>
        invokeParallel(prompts(5), {
          client,
          model: MODEL,
          sharedSystem: context,
          cacheSharedSystem: true,
          warmPrefixes: warm,
        }),
      );
      const [second, results] = await wallTime(() =>
        invokeParallel(prompts(5), {
          client,
          model: MODEL,
          sharedSystem: context,
          cacheSharedSystem: true,
          warmPrefixes: warm,
        }),
      );
      warmRatio.push(second / single);
      coldRatio.push(cold / single);
      warmWrites.push(results.filter((r) => r.usage.cacheWriteTokens > 0).length);

      const mixed = await invokeParallel(
        [...prompts(3), ...prompts(2, 'claude-haiku-4-5'), ...prompts(1, 'claude-opus-5')],
        { client, model: MODEL, sharedSystem: sharedContext(), cacheSharedSystem: true },
      );
      mixedWrites.push(mixed.filter((r) => r.usage.cacheWriteTokens > 0).length);
    }
    const warnings = await listenerWarnings(client);
    const chat = await chatAfterReview(client);
    const codeRewritten = chat.reviewed.written >= chat.reviewed.codeTokens / 2;
    const est = median(estimate);
    const warmWall = median(warmRatio);
    const verify = median(verifyRatio);
    return [
      {
        figure: 'estimated / billed input cost (4 built-in experts, ~20k tokens)',
        value: est.toFixed(3),
        target: '0.90-1.10',
        met: est >= 0.9 && est <= 1.1,
      },
      { figure: 'first review wall / one expert (cold cache)', value: median(coldRatio).toFixed(2) },
      {
        figure: 'second review wall / one expert (warm prefix)',
        value: warmWall.toFixed(2),
        target: '<= 1.2',
        met: warmWall <= 1.2,
      },
      {
        figure: 'second review cache writes',
        value: String(Math.max(...warmWrites)),
        target: '0',
        met: Math.max(...warmWrites) === 0,
      },
      {
        figure: 'mixed-model fan-out cache writes (3 models, 6 experts)',
        value: String(Math.max(...mixedWrites)),
        target: '3',
        met: mixedWrites.every((w) => w === 3),
      },
      {
        figure: 'first chat turn after a review of the file: tokens written to the cache (read)',
        value: `${chat.reviewed.written} (read ${chat.reviewed.read})`,
        target: 'code not written',
        met: !codeRewritten && chat.reviewed.read >= chat.reviewed.codeTokens,
      },
      {
        figure: 'first chat turn on an unreviewed file: tokens written to the cache (read)',
        value: `${chat.unreviewed.written} (read ${chat.unreviewed.read})`,
      },
      {
        figure: 'verify pass billed input / same requests uncached (8 verifiers, ~20k tokens)',
        value: verify.toFixed(3),
        target: '<= 0.2',
        met: verify <= 0.2,
      },
      {
        figure: '10-prompt fan-out MaxListenersExceededWarning',
        value: String(warnings),
        target: '0',
        met: warnings === 0,
      },
    ];
  } finally {
    await sim.close();
  }
}
