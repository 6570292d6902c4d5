import { ClaudeInvocationError } from './errors';

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
  attempt: number;
  delayMs: number;
  error: ClaudeInvocationError;
}

/** What a view shows while a request waits to retry: "529 overloaded_error: …. Retrying in 2.0 s (attempt 2)." */
export function retryNote(notice: RetryNotice): string {
  return `${notice.error.message} Retrying in ${(notice.delayMs / 1000).toFixed(1)} s (attempt ${notice.attempt}).`;
}

/** Exponential backoff with full jitter; the server's retry-after wins when it gives one. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  error: ClaudeInvocationError,
  random = Math.random,
): number {
  if (error.details.retryAfterMs !== undefined) return error.details.retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function shouldRetry(policy: RetryPolicy, attempt: number, error: ClaudeInvocationError): boolean {
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
