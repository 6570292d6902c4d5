// The abort side of one streamed request: the caller's signal forwarded to the request's own
// controller, and an idle watchdog (the SDK's timeout does not catch a server that goes silent after
// sending headers). Used by the one stream reader, messageStream.ts.
import { ClaudeInvocationError, hintFor } from './errors';

export interface StreamWatchdog {
  /** Pass to the SDK call; aborted by the caller's signal or by silence. */
  readonly signal: AbortSignal;
  /** True when the watchdog, not the caller, aborted the request. */
  readonly timedOut: boolean;
  /** Restarts the idle clock (on sending, and on every event received). */
  touch(): void;
  /** Stops the clock and removes the listener on the caller's signal. */
  dispose(): void;
}

export function streamWatchdog(callerSignal: AbortSignal | undefined, idleTimeoutMs: number): StreamWatchdog {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort();
  if (callerSignal?.aborted) controller.abort();
  callerSignal?.addEventListener('abort', forwardAbort, { once: true });
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    touch() {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, idleTimeoutMs);
    },
    dispose() {
      clearTimeout(idleTimer);
      callerSignal?.removeEventListener('abort', forwardAbort);
    },
  };
}

/** What a silent server surfaces as: a timeout, with whatever text had arrived. */
export const idleTimeoutError = (ms: number, partial: string): ClaudeInvocationError =>
  new ClaudeInvocationError(
    `No data from the API for ${Math.round(ms / 1000)} s. ${hintFor('timeout')}`,
    undefined,
    { kind: 'timeout' },
    partial,
  );
