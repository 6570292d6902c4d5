// When and how long to wait before sending a failed request again, and the one loop that does it for
// every kind of request (streamed replies, tool-loop turns, batch polls).
import { toInvocationError, type ClaudeInvocationError } from './errors';
import { silentLogger, type Logger } from './logger';
import { addUsage, emptyUsage, type Usage } from './usage';

export interface RetryPolicy {
  /** Further attempts after the first. */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `retry-after` longer than this is not waited for: the error is surfaced instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
};

/** Told to the caller before each wait, so a progress notification can show it. */
export interface RetryNotice {
  /** The attempt about to be made, counting from 1. */
  attempt: number;
  /** Attempts the policy allows in all. */
  maxAttempts: number;
  delayMs: number;
  error: ClaudeInvocationError;
}

/** The words every surface shows for a wait: "<error> Retrying in 1.5 s (attempt 2 of 4)." */
export const retryNote = (notice: RetryNotice): string =>
  `${notice.error.message} Retrying in ${(notice.delayMs / 1000).toFixed(1)} s (attempt ${notice.attempt} of ${notice.maxAttempts}).`;

/** Exponential backoff with full jitter; the server's retry-after wins when it gives one. */
function retryDelay(policy: RetryPolicy, attempt: number, error: ClaudeInvocationError, random = Math.random): number {
  if (error.details.retryAfterMs !== undefined) return error.details.retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function shouldRetry(policy: RetryPolicy, attempt: number, error: ClaudeInvocationError): boolean {
  if (!error.retryable || attempt > policy.maxRetries) return false;
  return (error.details.retryAfterMs ?? 0) <= policy.maxRetryAfterMs;
}

/** Resolves after `ms`, or rejects at once when the signal aborts; leaves no timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rejects with the signal's own reason, as AbortSignal.throwIfAborted does
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the signal's own reason, as above
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryRun {
  retry?: Partial<RetryPolicy>;
  signal?: AbortSignal;
  logger?: Logger;
  /** Told before each wait, after the logger. */
  onRetry?: (notice: RetryNotice) => void;
}

/** A success with what the failed attempts before it were billed, or a stop (abort) after `spent`. */
export type Retried<T> = { done: true; value: T; spent: Usage } | { done: false; spent: Usage };

/**
 * Runs `attempt` until it succeeds. A retryable failure is tried again while nothing has streamed (a
 * retry would repeat text the caller already showed); each wait is logged, told to `onRetry`, and ends
 * at once on abort. What failed attempts were billed (their error's `usage`) is summed: the error
 * finally thrown (a ClaudeInvocationError) carries the sum, a success or an abort returns it as `spent`.
 */
export async function withRetries<T>(attempt: () => Promise<T>, run: RetryRun = {}): Promise<Retried<T>> {
  const policy = { ...DEFAULT_RETRY, ...run.retry };
  const logger = run.logger ?? silentLogger;
  let spent = emptyUsage();
  for (let n = 1; ; n++) {
    if (run.signal?.aborted) return { done: false, spent };
    try {
      return { done: true, value: await attempt(), spent };
    } catch (caught) {
      const error = toInvocationError(caught);
      spent = addUsage(spent, error.usage ?? emptyUsage());
      // Failing because the caller stopped it is a stop, not a failure.
      if (run.signal?.aborted) return { done: false, spent };
      error.details.attempts = n;
      error.usage = spent;
      if (error.partialText || !shouldRetry(policy, n, error)) throw error;
      const delayMs = retryDelay(policy, n, error);
      const notice: RetryNotice = { attempt: n + 1, maxAttempts: policy.maxRetries + 1, delayMs, error };
      logger.warn(retryNote(notice));
      run.onRetry?.(notice);
      try {
        await sleep(notice.delayMs, run.signal);
      } catch {
        return { done: false, spent };
      }
    }
  }
}
