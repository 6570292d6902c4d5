// One request to the Messages API, streamed and retried: the reader (messageStream.ts) inside the retry
// loop (retry.ts), and the result a caller gets (text, status, usage and cost, timing).
import type { SdkClient } from './client';
import type { ClaudeInvocationError } from './errors';
import { neverThrowing } from './events';
import { readMessageStream, type StreamOutcome } from './messageStream';
import type { RequestParams } from './params';
import { costOf } from './pricing';
import { withRetries } from './retry';
import type { ClaudeResult, InvokeOptions, ResultStatus } from './types';
import { addUsage, type Usage } from './usage';

const DEFAULT_IDLE_TIMEOUT_MS = 90_000;

/** What one streamed request needs besides its parameters. */
export type RequestRun = Pick<
  InvokeOptions,
  'signal' | 'idleTimeoutMs' | 'retry' | 'logger' | 'onEvent' | 'spendGuard'
>;

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
  options: Pick<InvokeOptions, 'prices'>,
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
 * Streams one reply, retrying while nothing has streamed. Its usage includes what failed attempts
 * before it were billed (their input, once `message_start` came). Throws ClaudeInvocationError with
 * the partial text and the usage of every attempt; an abort returns an `interrupted` outcome.
 */
export async function streamWithRetries(
  client: SdkClient,
  params: RequestParams,
  run: RequestRun,
): Promise<StreamOutcome> {
  const emit = neverThrowing(run.onEvent, run.logger);
  const hooks = {
    idleTimeoutMs: run.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
    onEvent: emit,
    ...(run.signal && { signal: run.signal }),
    ...(run.logger && { logger: run.logger }),
  };
  // Each attempt is a request the API may bill: with a spending cap, each one is admitted first.
  const attempt = async () => {
    const admission = await run.spendGuard?.admit(client, params, run.signal);
    try {
      const out = await readMessageStream(client, params, hooks);
      // Output counted locally (the stream ended before the API reported it) may be short of the bill.
      if (out.usage.estimated) admission?.keep();
      else admission?.settle(out.usage);
      return out;
    } catch (err) {
      admission?.keep();
      throw err;
    }
  };
  const retried = await withRetries(attempt, {
    onRetry: (notice) => emit({ type: 'retry', notice }),
    ...(run.retry && { retry: run.retry }),
    ...(run.signal && { signal: run.signal }),
    ...(run.logger && { logger: run.logger }),
  });
  if (!retried.done) {
    const stopped = { content: [], text: '', toolCalls: [], stopReason: null, model: params.model };
    return { ...stopped, usage: retried.spent, interrupted: true };
  }
  return { ...retried.value, usage: addUsage(retried.spent, retried.value.usage) };
}

/**
 * Runs one request with retries, as streamWithRetries, and resolves with its result. Throws
 * ClaudeInvocationError on failure; returns an interrupted result on abort.
 */
export async function runRequest(
  client: SdkClient,
  params: RequestParams,
  options: InvokeOptions,
): Promise<ClaudeResult> {
  const startedAt = performance.now();
  const out = await streamWithRetries(client, params, options);
  const status = out.interrupted ? 'interrupted' : 'completed';
  const fields = {
    text: out.text,
    status,
    stopReason: out.stopReason,
    model: out.model,
    usage: out.usage,
    startedAt,
  } as const;
  return makeResult(out.firstEventAt === undefined ? fields : { ...fields, firstEventAt: out.firstEventAt }, options);
}
