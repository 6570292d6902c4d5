import pLimit, { type LimitFunction } from 'p-limit';
import { planCache } from './cache';
import { resolveClient } from './client';
import { toInvocationError } from './errors';
import { InterruptToken } from './interrupt';
import { DEFAULT_MODEL } from './models';
import { makeResult, runRequest, toParams } from './request';
import type { ParallelListener } from './events';
import type { ClaudeResult, InvokeOptions, PromptInput, SystemInput } from './types';
import { emptyUsage } from './usage';

/** One prompt of a fan-out, with its own overrides (as the seed's prompt dicts). */
export interface ParallelPrompt
  extends Pick<InvokeOptions, 'system' | 'temperature' | 'cacheSystem' | 'cachePrompt' | 'messages' | 'maxTokens' | 'model' | 'outputFormat' | 'extra'> {
  prompt: PromptInput;
}

/**
 * - `cacheAware`: when the shared block is cached, the first request goes out alone and the others
 *   follow the moment its stream begins, when its cache entry becomes readable: one write, N-1 reads.
 * - `allAtOnce`: everything starts together (each request writes the cache); kept for comparison.
 */
export type FanOutStrategy = 'cacheAware' | 'allAtOnce';

export interface ParallelOptions extends Omit<InvokeOptions, 'onEvent' | 'messages' | 'system' | 'cacheSystem' | 'cachePrompt'> {
  /** Concurrent requests, 1 to 10 (default 5). */
  maxWorkers?: number;
  sharedSystem?: SystemInput;
  cacheSharedSystem?: boolean;
  strategy?: FanOutStrategy;
  /** Every request's start, text and retry events, and each one's result, tagged with its prompt's index. */
  onEvent?: ParallelListener;
  interruptToken?: InterruptToken;
  /**
   * A limiter shared with other runs (from `createLimiter`), so that several fan-outs together never
   * exceed one concurrency; `maxWorkers` is then ignored.
   */
  limiter?: LimitFunction;
}

export type { LimitFunction };

/** A concurrency limiter to share between runs (1 to 10 at once). */
export function createLimiter(maxWorkers: number): LimitFunction {
  return pLimit(checkWorkers(maxWorkers));
}

export const MAX_WORKERS_LIMIT = 10;

function checkWorkers(maxWorkers: number): number {
  if (!Number.isInteger(maxWorkers) || maxWorkers < 1 || maxWorkers > MAX_WORKERS_LIMIT) {
    throw new RangeError(`maxWorkers must be an integer from 1 to ${MAX_WORKERS_LIMIT}, got ${maxWorkers}`);
  }
  return maxWorkers;
}

/**
 * Runs every prompt, at most `maxWorkers` at a time, and resolves with one result per prompt in
 * prompt order. A prompt that fails yields `status: 'failed'` with its error and partial text; the
 * others still finish. Interrupting closes every open stream at once; what had streamed is kept
 * (`interrupted`), prompts not yet started are `notStarted`.
 */
export async function invokeParallel(prompts: ParallelPrompt[], options: ParallelOptions = {}): Promise<ClaudeResult[]> {
  const limit = options.limiter ?? createLimiter(options.maxWorkers ?? 5);
  const client = resolveClient(options.client);
  const token = options.interruptToken ?? InterruptToken.from(options.signal);
  const signal = token.signal;
  const defaultModel = options.model ?? DEFAULT_MODEL;

  const plans = prompts.map((p) => {
    const model = p.model ?? defaultModel;
    const plan = planCache(
      {
        model,
        messages: p.messages?.length ? p.messages : [{ role: 'user', content: p.prompt }],
        cacheSharedSystem: options.cacheSharedSystem ?? false,
        cacheSystem: p.cacheSystem ?? false,
        cacheLastMessage: p.cachePrompt ?? false,
        ...(options.sharedSystem !== undefined && { sharedSystem: options.sharedSystem }),
        ...(p.system !== undefined && { system: p.system }),
      },
      options.logger,
    );
    return { model, plan };
  });

  const gated = (options.strategy ?? 'cacheAware') === 'cacheAware' && prompts.length > 1 && plans.some(({ plan }) => plan.sharedCached);
  let openGate = () => {};
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  if (!gated) openGate();

  const runOne = async (index: number): Promise<ClaudeResult> => {
    const p = prompts[index]!;
    const { model, plan } = plans[index]!;
    const startedAt = performance.now();
    const itemOptions: InvokeOptions = {
      ...options,
      ...pickDefined(p),
      model,
      signal,
      onEvent: (event) => {
        if (event.type === 'start' && index === 0) openGate();
        options.onEvent?.({ ...event, index });
      },
    };
    if (signal.aborted) {
      return makeResult({ text: '', status: 'notStarted', stopReason: null, model, usage: emptyUsage(), startedAt }, itemOptions);
    }
    try {
      return await runRequest(client, toParams(model, plan, itemOptions), itemOptions);
    } catch (caught) {
      const error = toInvocationError(caught);
      return makeResult({ text: error.partialText, status: 'failed', stopReason: null, model, usage: emptyUsage(), startedAt, error }, itemOptions);
    } finally {
      if (index === 0) openGate();
    }
  };

  return Promise.all(
    prompts.map(async (_, index) => {
      if (index > 0) await Promise.race([gate, abortPromise(signal)]);
      const result = await limit(() => runOne(index));
      options.onEvent?.({ type: 'done', result, index });
      return result;
    }),
  );
}

function pickDefined(p: ParallelPrompt): Partial<InvokeOptions> {
  const out: Partial<InvokeOptions> = {};
  if (p.maxTokens !== undefined) out.maxTokens = p.maxTokens;
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.outputFormat !== undefined) out.outputFormat = p.outputFormat;
  if (p.extra !== undefined) out.extra = p.extra;
  return out;
}

/** Resolves when the signal aborts (so gated prompts stop waiting); never rejects. */
function abortPromise(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** invokeParallel with one streaming callback per prompt. */
export function invokeParallelStreaming(
  prompts: ParallelPrompt[],
  callbacks?: Array<((chunk: string) => void) | undefined>,
  options: ParallelOptions = {},
): Promise<ClaudeResult[]> {
  if (!callbacks) return invokeParallel(prompts, options);
  const outer = options.onEvent;
  return invokeParallel(prompts, {
    ...options,
    onEvent: (event) => {
      if (event.type === 'text') callbacks[event.index]?.(event.text);
      outer?.(event);
    },
  });
}

/** invokeParallel that stops every request when `interruptToken` is interrupted. */
export function invokeParallelInterruptible(
  prompts: ParallelPrompt[],
  interruptToken?: InterruptToken,
  options: ParallelOptions = {},
): Promise<ClaudeResult[]> {
  return invokeParallel(prompts, interruptToken ? { ...options, interruptToken } : options);
}
