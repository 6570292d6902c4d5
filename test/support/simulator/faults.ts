// A FIFO queue of injected faults. A request consumes the first fault whose `match` accepts it;
// a fault is removed once it has been consumed `times` times (default 1).
import type { Fault, SimRequest } from './types';

interface Queued {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private queue: Queued[] = [];

  enqueue(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new RangeError(`fault.times must be a positive integer, got ${times}`);
    this.queue.push({ fault, remaining: times });
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Consumes and returns the first fault matching `req`, if any. */
  take(req: SimRequest): Fault | undefined {
    for (let i = 0; i < this.queue.length; i++) {
      const q = this.queue[i];
      if (!q || (q.fault.match && !q.fault.match(req))) continue;
      q.remaining -= 1;
      if (q.remaining <= 0) this.queue.splice(i, 1);
      return q.fault;
    }
    return undefined;
  }
}

/** A short label for the log, e.g. 'status:429', 'drop@8'. */
export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case 'status':
      return `status:${fault.status}`;
    case 'midStreamError':
    case 'drop':
    case 'stall':
    case 'malformed':
      return `${fault.kind}@${fault.afterTokens}`;
    case 'hang':
    case 'slow':
      return fault.kind;
  }
}
