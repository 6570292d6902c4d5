// One POST /v1/messages exchange: its log entry, its timers, and how it ends.
import type { ServerResponse } from 'node:http';
import { RELEASED, type GateTicket } from './gate';
import type { RequestLogEntry, SimTimers } from './types';

export class Exchange {
  /** True once the server itself ended or destroyed the response. */
  finished = false;
  /** Its place at the test's gate (see gate.ts), given up when it closes. */
  gate: GateTicket = RELEASED;
  private readonly timers = new Set<unknown>();

  constructor(
    readonly entry: RequestLogEntry,
    readonly res: ServerResponse,
    /** The simulator's clock and timers (real ones unless a test injected its own). */
    readonly clock: SimTimers,
  ) {}

  get closed(): boolean {
    return this.entry.closedAt !== undefined;
  }

  /** setTimeout that is cleared when the exchange closes and never fires after that. */
  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const t = this.clock.setTimeout(
      () => {
        this.timers.delete(t);
        if (!this.closed) fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(t);
  }

  /** Calls `fn` every `ms` until the returned stop function is called or the exchange ends. */
  every(ms: number, fn: () => void): (() => void) | undefined {
    if (this.closed || !(ms > 0) || !Number.isFinite(ms)) return undefined;
    let stopped = false;
    const tick = (): void => {
      if (stopped) return;
      fn();
      this.after(ms, tick);
    };
    this.after(ms, tick);
    return () => {
      stopped = true;
    };
  }

  clearTimers(): void {
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
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
    this.gate.drop();
    this.entry.closedAt = this.clock.now();
    if (!this.finished) this.entry.aborted = true;
    this.clearTimers();
  }

  private markFinished(): void {
    if (this.finished) return;
    this.finished = true;
    this.entry.endedAt = this.clock.now();
    this.clearTimers();
  }
}
