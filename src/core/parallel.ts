import pLimit, { type LimitFunction } from 'p-limit';
import { planCache } from './cache';
import { resolveClient } from './client';
import { toInvocationError } from './errors';
import { InterruptToken } from './interrupt';
import { DEFAULT_MODEL } from './models';
import { joinLine } from './queueLine';
import { requestParams } from './params';
import { makeResult, runRequest } from './request';
import type { ParallelListener, QueuedNotice } from './events';
import type { ClaudeResult, InvokeOptions, PromptInput, SystemInput } from './types';
import { emptyUsage } from './usage';
import type { WarmPrefixes } from './warmPrefixes';

/** One prompt of a fan-out, with its own overrides (as the seed's prompt dicts). */
export interface ParallelPrompt extends Pick<
  InvokeOptions,
  | 'system'
  | 'temperature'
  | 'cacheSystem'
  | 'cachePrompt'
  | 'messages'
  | 'maxTokens'
  | 'model'
  | 'outputFormat'
  | 'extra'
> {
  prompt: PromptInput;
  /** Stops this prompt alone (kept text, `interrupted`); the fan-out's own signal still stops all. */
  signal?: AbortSignal;
}

/**
 * - `cacheAware`: when the shared block is cached, the first request of each model goes out alone and
 *   that model's others follow the moment its stream begins, when its cache entry becomes readable: one
 *   write per model, the rest reads. A prefix known to be warm (see `warmPrefixes`) is not waited for.
 * - `allAtOnce`: everything starts together (each request writes the cache); kept for comparison.
 */
export type FanOutStrategy = 'cacheAware' | 'allAtOnce';

export interface ParallelOptions extends Omit<
  InvokeOptions,
  'onEvent' | 'messages' | 'system' | 'cacheSystem' | 'cachePrompt'
> {
  /** Concurrent requests, 1 to 10 (default 5). */
  maxWorkers?: number;
  sharedSystem?: SystemInput;
  cacheSharedSystem?: boolean;
  strategy?: FanOutStrategy;
  /**
   * Cached prefixes known to be warm, shared between runs: a fan-out whose prefix on a model is warm
   * sends that model's prompts at once, and every response that writes or reads it marks it warm.
   */
  warmPrefixes?: WarmPrefixes;
  /** Every request's start, text and retry events, and each one's result, tagged with its prompt's index. */
  onEvent?: ParallelListener;
  /** Told when a prompt has to wait before it is sent, and why (kept apart from onEvent: most callers need not handle it). */
  onQueued?: (index: number, notice: QueuedNotice) => void;
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

/** A promise opened once, by whoever comes first (the leader's stream starting, its end, or an abort). */
function makeGate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/**
 * Runs every prompt, at most `maxWorkers` at a time, and resolves with one result per prompt in
 * prompt order. A prompt that fails yields `status: 'failed'` with its error, partial text and the
 * usage the API reported; the others still finish. Interrupting closes every open stream at once;
 * what had streamed is kept (`interrupted`), prompts not yet started are `notStarted`.
 *
 * The fan-out's signal carries exactly one listener of ours whatever the number of prompts (it
 * aborts the running requests and opens the gates), and it is removed when the fan-out settles.
 */
export async function invokeParallel(
  prompts: ParallelPrompt[],
  options: ParallelOptions = {},
): Promise<ClaudeResult[]> {
  const limit = options.limiter ?? createLimiter(options.maxWorkers ?? 5);
  const client = resolveClient(options.client);
  const token = options.interruptToken ?? InterruptToken.from(options.signal);
  const signal = token.signal;
  const defaultModel = options.model ?? DEFAULT_MODEL;
  const warm = options.warmPrefixes;
  const ttl = options.cacheTtl ?? '5m';

  const plans = prompts.map((p) => {
    const model = p.model ?? defaultModel;
    const plan = planCache(
      {
        model,
        messages: p.messages?.length ? p.messages : [{ role: 'user', content: p.prompt }],
        cacheSharedSystem: options.cacheSharedSystem ?? false,
        cacheSystem: p.cacheSystem ?? false,
        cacheLastMessage: p.cachePrompt ?? false,
        ttl,
        ...(options.sharedSystem !== undefined && { sharedSystem: options.sharedSystem }),
        ...(p.system !== undefined && { system: p.system }),
      },
      options.logger,
    );
    return { model, plan };
  });

  // One gate per model whose shared prefix is cached but not known warm; its first prompt leads.
  const gates = new Map<string, ReturnType<typeof makeGate>>();
  const leaders = new Set<number>();
  if ((options.strategy ?? 'cacheAware') === 'cacheAware' && prompts.length > 1) {
    plans.forEach(({ model, plan }, index) => {
      if (!plan.sharedCached || gates.has(model) || warm?.isWarm(model, plan.sharedPrefix)) return;
      gates.set(model, makeGate());
      leaders.add(index);
    });
  }

  const running = new Set<AbortController>();
  const abortAll = () => {
    for (const controller of running) controller.abort(signal.reason);
    for (const gate of gates.values()) gate.open();
  };
  if (signal.aborted) abortAll();
  else signal.addEventListener('abort', abortAll, { once: true });

  const runOne = async (index: number): Promise<ClaudeResult> => {
    const p = prompts[index]!;
    const { model, plan } = plans[index]!;
    const startedAt = performance.now();
    const controller = new AbortController();
    const stopOne = () => controller.abort(p.signal?.reason);
    const itemOptions: InvokeOptions = {
      ...options,
      ...pickDefined(p),
      model,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'start') {
          if (leaders.has(index)) gates.get(model)?.open();
          const { cacheWriteTokens, cacheReadTokens } = event.start.usage;
          if (plan.sharedCached && cacheWriteTokens + cacheReadTokens > 0)
            warm?.markWarm(model, plan.sharedPrefix, ttl);
        }
        options.onEvent?.({ ...event, index });
      },
    };
    if (signal.aborted || p.signal?.aborted) {
      return makeResult(
        { text: '', status: 'notStarted', stopReason: null, model, usage: emptyUsage(), startedAt },
        itemOptions,
      );
    }
    running.add(controller);
    p.signal?.addEventListener('abort', stopOne, { once: true });
    try {
      return await runRequest(client, requestParams(model, plan, itemOptions), itemOptions);
    } catch (caught) {
      const error = toInvocationError(caught);
      return makeResult(
        {
          text: error.partialText,
          status: 'failed',
          stopReason: null,
          model,
          usage: error.usage ?? emptyUsage(),
          startedAt,
          error,
        },
        itemOptions,
      );
    } finally {
      running.delete(controller);
      p.signal?.removeEventListener('abort', stopOne);
      if (leaders.has(index)) gates.get(model)?.open();
    }
  };

  try {
    return await Promise.all(
      prompts.map(async (_, index) => {
        const gate = gates.get(plans[index]!.model);
        if (gate && !leaders.has(index)) {
          options.onQueued?.(index, { reason: 'cache' });
          await gate.opened;
        }
        const queued = (position: number) =>
          options.onQueued?.(index, { reason: 'concurrency', position, limit: limit.concurrency });
        // A waiting prompt hears its place again each time one ahead of it starts.
        const ticket =
          !signal.aborted && limit.activeCount >= limit.concurrency
            ? joinLine(limit, (position) => signal.aborted || queued(position))
            : undefined;
        if (ticket) queued(ticket.place);
        const result = await limit(() => {
          ticket?.start();
          return runOne(index);
        });
        options.onEvent?.({ type: 'done', result, index });
        return result;
      }),
    );
  } finally {
    signal.removeEventListener('abort', abortAll);
    if (!options.interruptToken) token.dispose();
  }
}

function pickDefined(p: ParallelPrompt): Partial<InvokeOptions> {
  const out: Partial<InvokeOptions> = {};
  if (p.maxTokens !== undefined) out.maxTokens = p.maxTokens;
  if (p.temperature !== undefined) out.temperature = p.temperature;
  if (p.outputFormat !== undefined) out.outputFormat = p.outputFormat;
  if (p.extra !== undefined) out.extra = p.extra;
  return out;
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
