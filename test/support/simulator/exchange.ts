// One POST /v1/messages exchange: its log entry, its timers, and how it ends.
import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RequestLogEntry } from './types';

export class Exchange {
  /** True once the server itself ended or destroyed the response. */
  finished = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();

  constructor(
    readonly entry: RequestLogEntry,
    readonly res: ServerResponse,
  ) {}

  get closed(): boolean {
    return this.entry.closedAt !== undefined;
  }

  /** setTimeout that is cleared when the exchange closes and never fires after that. */
  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        if (!this.closed) fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(t);
  }

  every(ms: number, fn: () => void): NodeJS.Timeout | undefined {
    if (this.closed || !(ms > 0) || !Number.isFinite(ms)) return undefined;
    const t = setInterval(() => {
      if (!this.closed) fn();
    }, ms);
    this.intervals.add(t);
    return t;
  }

  stopInterval(t: NodeJS.Timeout | undefined): void {
    if (t === undefined) return;
    clearInterval(t);
    this.intervals.delete(t);
  }

  clearTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    for (const t of this.intervals) clearInterval(t);
    this.timers.clear();
    this.intervals.clear();
  }

  /** Ends the response normally. */
  end(chunk?: string): void {
    this.markFinished();
    try {
      if (!this.res.writableEnded && !this.res.destroyed) this.res.end(chunk);
    } catch {
      // the client is gone; nothing to do
    }
  }

  /**
   * Destroys the underlying socket (a dropped connection), once what was already written has reached
   * the kernel, so the client sees everything sent before the drop and then a reset connection.
   */
  destroy(): void {
    this.markFinished();
    const kill = (): void => {
      const socket = this.res.socket;
      if (socket) socket.destroy();
      else this.res.destroy();
    };
    const whenFlushed = (tries: number): void => {
      const socket = this.res.socket;
      if (!socket || socket.destroyed || socket.writableLength === 0 || tries <= 0) return kill();
      this.after(5, () => whenFlushed(tries - 1));
    };
    this.after(0, () => whenFlushed(40));
  }

  /** Called from the response's 'close' event. */
  onClose(): void {
    this.entry.closedAt = performance.now();
    if (!this.finished) this.entry.aborted = true;
    this.clearTimers();
  }

  private markFinished(): void {
    if (this.finished) return;
    this.finished = true;
    this.entry.endedAt = performance.now();
    this.clearTimers();
  }
}
