import type { SdkClient } from './client';
import type { CachePlan } from './cache';
import { ClaudeInvocationError, toInvocationError } from './errors';
import { silentLogger } from './logger';
import { DEFAULT_MAX_TOKENS } from './models';
import { costOf } from './pricing';
import { DEFAULT_RETRY, retryDelay, shouldRetry, sleep } from './retry';
import { streamOnce, type StreamParams } from './stream';
import type { ClaudeResult, InvokeOptions, ResultStatus } from './types';
import { addUsage, emptyUsage, type Usage } from './usage';

export const DEFAULT_IDLE_TIMEOUT_MS = 90_000;

/** The API request for a cache plan and the caller's options. */
export function toParams(model: string, plan: CachePlan, options: InvokeOptions): StreamParams {
  const params: Record<string, unknown> = {
    ...options.extra,
    model,
    max_tokens: options.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: plan.messages,
  };
  if (plan.system.length) params['system'] = plan.system;
  if (options.temperature !== undefined) params['temperature'] = options.temperature;
  if (options.outputFormat) params['output_config'] = { format: options.outputFormat };
  return params as unknown as StreamParams;
}

export function makeResult(
  fields: {
    text: string;
    status: ResultStatus;
    stopReason: string | null;
    model: string;
    usage: Usage;
    error?: ClaudeInvocationError;
    startedAt: number;
    firstEventAt?: number;
  },
  options: InvokeOptions,
): ClaudeResult {
  const result: ClaudeResult = {
    text: fields.text,
    status: fields.status,
    stopReason: fields.stopReason,
    model: fields.model,
    usage: fields.usage,
    cost: costOf(fields.usage, fields.model, options.prices),
    timing: { startedAt: fields.startedAt, endedAt: performance.now() },
    toString: () => fields.text,
  };
  if (fields.firstEventAt !== undefined) result.timing.firstEventAt = fields.firstEventAt;
  if (fields.error) result.error = fields.error;
  return result;
}

/**
 * Runs one request with retries. Retries only while nothing has streamed (a retry would repeat
 * text the caller already showed); waits are cancellable and reported as `retry` events.
 * Throws ClaudeInvocationError on failure; returns an interrupted result on abort.
 */
export async function runRequest(
  client: SdkClient,
  params: StreamParams,
  options: InvokeOptions,
): Promise<ClaudeResult> {
  const policy = { ...DEFAULT_RETRY, ...options.retry };
  const logger = options.logger ?? silentLogger;
  const startedAt = performance.now();
  // Attempts that failed after `message_start` were billed for their input: keep counting it.
  let spent = emptyUsage();
  const interrupted = (): ClaudeResult =>
    makeResult(
      { text: '', status: 'interrupted', stopReason: null, model: params.model, usage: spent, startedAt },
      options,
    );

  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) return interrupted();
    try {
      const out = await streamOnce(client, params, {
        idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
        logger,
        ...(options.signal && { signal: options.signal }),
        ...(options.onEvent && { onEvent: options.onEvent }),
      });
      const fields = {
        text: out.text,
        status: out.interrupted ? ('interrupted' as const) : ('completed' as const),
        stopReason: out.stopReason,
        model: out.model,
        usage: addUsage(spent, out.usage),
        startedAt,
      };
      return makeResult(
        out.firstEventAt === undefined ? fields : { ...fields, firstEventAt: out.firstEventAt },
        options,
      );
    } catch (caught) {
      const error = toInvocationError(caught);
      error.details.attempts = attempt;
      spent = addUsage(spent, error.usage ?? emptyUsage());
      error.usage = spent;
      if (error.partialText || !shouldRetry(policy, attempt, error)) throw error;
      const delayMs = retryDelay(policy, attempt, error);
      logger.warn(
        `${error.message} Retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.maxRetries + 1}).`,
      );
      options.onEvent?.({ type: 'retry', notice: { attempt: attempt + 1, delayMs, error } });
      try {
        await sleep(delayMs, options.signal);
      } catch {
        return interrupted();
      }
    }
  }
}

export { toInvocationError };
