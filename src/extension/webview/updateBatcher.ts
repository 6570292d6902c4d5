// Coalesces section updates from many concurrent streams into at most one webview message per
// interval: posting every token would flood the webview's message queue and re-render constantly.
import type { RunStatus, SectionUpdate } from '../../shared/protocol';

export type TimerHandle = unknown;

export interface UpdateBatcherOptions {
  /** Minimum time between two messages (default 50 ms, i.e. at most 20 messages a second). */
  intervalMs?: number;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
}

const TERMINAL: ReadonlySet<RunStatus> = new Set<RunStatus>(['done', 'failed', 'cancelled']);

export function isTerminalStatus(status: RunStatus | undefined): boolean {
  return status !== undefined && TERMINAL.has(status);
}

/**
 * Folds `next` into `pending` (both for the same section). `text` replaces everything before it,
 * `append`s concatenate in arrival order; receivers apply `text` before `append`.
 */
export function mergeSectionUpdate(pending: SectionUpdate, next: SectionUpdate): SectionUpdate {
  const merged: SectionUpdate = { ...pending };
  if (next.text !== undefined) {
    merged.text = next.text;
    delete merged.append;
  }
  if (next.append) merged.append = (merged.append ?? '') + next.append;
  if (next.status !== undefined) merged.status = next.status;
  if (next.elapsedMs !== undefined) merged.elapsedMs = next.elapsedMs;
  if (next.outputTokens !== undefined) merged.outputTokens = next.outputTokens;
  if (next.note !== undefined) merged.note = next.note;
  if (next.cost !== undefined) merged.cost = next.cost;
  return merged;
}

export class UpdateBatcher {
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly setTimer: (callback: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;
  /** Insertion-ordered, so sections keep the order in which they first changed. */
  private pending = new Map<string, SectionUpdate>();
  private timer?: TimerHandle;
  private timerDueAt = Infinity;
  private lastFlushAt = -Infinity;
  private disposed = false;

  constructor(
    private readonly send: (updates: SectionUpdate[]) => void,
    options: UpdateBatcherOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 50;
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  get hasPending(): boolean {
    return this.pending.size > 0;
  }

  get hasTimer(): boolean {
    return this.timer !== undefined;
  }

  push(update: SectionUpdate): void {
    if (this.disposed) return;
    const previous = this.pending.get(update.id);
    this.pending.set(update.id, previous ? mergeSectionUpdate(previous, update) : { ...update });

    const now = this.now();
    const sinceLastFlush = now - this.lastFlushAt;
    if (isTerminalStatus(update.status)) {
      // A finished section should show promptly, but never at the cost of the rate limit.
      if (sinceLastFlush >= this.intervalMs) this.flush();
      else this.schedule(this.intervalMs - sinceLastFlush);
    } else {
      // Trailing: let a burst of chunks accumulate for one interval before sending.
      this.schedule(this.intervalMs);
    }
  }

  /** Sends whatever is pending now (e.g. before the panel goes away or the run ends). */
  flush(): void {
    this.cancelTimer();
    if (this.disposed || this.pending.size === 0) return;
    const updates = [...this.pending.values()];
    this.pending = new Map();
    this.lastFlushAt = this.now();
    this.send(updates);
  }

  /** Drops anything pending and stops the timer; call `flush()` first to deliver it. */
  dispose(): void {
    this.cancelTimer();
    this.pending.clear();
    this.disposed = true;
  }

  /** Keeps the earlier of the existing and the requested deadline. */
  private schedule(delayMs: number): void {
    const dueAt = this.now() + delayMs;
    if (this.timer !== undefined && this.timerDueAt <= dueAt) return;
    this.cancelTimer();
    this.timerDueAt = dueAt;
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      this.timerDueAt = Infinity;
      this.flush();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
    this.timerDueAt = Infinity;
  }
}
