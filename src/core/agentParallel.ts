// Several sub-agents at once, as invokeParallel runs several prompts: at most `maxWorkers` at a time, the
// shared context cached, and (cache-aware) the first agent going out alone until its first response
// begins, so the others read the cache entry it wrote instead of each writing their own. Each agent can
// be stopped on its own (its `signal`) or all together (the run's `signal` / `interruptToken`).
import { runAgent, type AgentOptions, type AgentResult } from './agent';
import { resolveClient } from './client';
import { InterruptToken } from './interrupt';
import { createLimiter, type FanOutStrategy, type LimitFunction } from './parallel';
import { makeResult } from './request';
import type { ParallelListener } from './events';
import type { PromptInput, SystemInput } from './types';
import { emptyUsage } from './usage';
import { DEFAULT_MODEL } from './models';

/** One sub-agent of a fan-out: its prompt, role, tools and limits. */
export interface AgentTask extends Pick<
  AgentOptions,
  'tools' | 'system' | 'maxTurns' | 'tokenBudget' | 'maxTokens' | 'model'
> {
  prompt: PromptInput;
  /** Stops this agent only. */
  signal?: AbortSignal;
}

export interface ParallelAgentOptions extends Omit<
  AgentOptions,
  'tools' | 'onEvent' | 'system' | 'sharedSystem' | 'signal'
> {
  maxWorkers?: number;
  limiter?: LimitFunction;
  sharedSystem?: SystemInput;
  strategy?: FanOutStrategy;
  signal?: AbortSignal;
  interruptToken?: InterruptToken;
  /** Every agent's events (start, text, retry, toolCall, toolResult) and each one's result, tagged with its index. */
  onEvent?: ParallelListener<AgentResult>;
}

/** Resolves with one result per task, in task order; never rejects for API failures or interruption. */
export async function invokeParallelAgents(
  tasks: readonly AgentTask[],
  options: ParallelAgentOptions = {},
): Promise<AgentResult[]> {
  const limit = options.limiter ?? createLimiter(options.maxWorkers ?? 5);
  const client = resolveClient(options.client);
  const token = options.interruptToken ?? InterruptToken.from(options.signal);
  const gated =
    (options.strategy ?? 'cacheAware') === 'cacheAware' &&
    tasks.length > 1 &&
    options.sharedSystem !== undefined &&
    (options.cacheSharedSystem ?? false);
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  if (!gated) openGate();

  const runOne = async (index: number): Promise<AgentResult> => {
    const task = tasks[index]!;
    const signal = task.signal ? AbortSignal.any([token.signal, task.signal]) : token.signal;
    const model = task.model ?? options.model ?? DEFAULT_MODEL;
    if (signal.aborted) {
      const result = makeResult(
        { text: '', status: 'notStarted', stopReason: null, model, usage: emptyUsage(), startedAt: performance.now() },
        options.prices ? { prices: options.prices } : {},
      );
      return { ...result, endReason: 'interrupted', turns: 0, toolCalls: [], messages: [] };
    }
    const { onEvent: _all, maxWorkers: _w, limiter: _l, strategy: _s, interruptToken: _t, ...shared } = options;
    try {
      return await runAgent(task.prompt, {
        ...shared,
        client: client as AgentOptions['client'],
        model,
        tools: task.tools,
        signal,
        ...(task.system !== undefined && { system: task.system }),
        ...(task.maxTurns !== undefined && { maxTurns: task.maxTurns }),
        ...(task.tokenBudget !== undefined && { tokenBudget: task.tokenBudget }),
        ...(task.maxTokens !== undefined && { maxTokens: task.maxTokens }),
        onEvent: (event) => {
          if (event.type === 'start' && index === 0) openGate();
          options.onEvent?.({ ...event, index });
        },
      });
    } finally {
      if (index === 0) openGate();
    }
  };

  return Promise.all(
    tasks.map(async (_, index) => {
      if (index > 0) await Promise.race([gate, aborted(token.signal)]);
      const result = await limit(() => runOne(index));
      options.onEvent?.({ type: 'done', result, index });
      return result;
    }),
  );
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
