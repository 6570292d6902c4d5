// A test-controlled gate in front of every reply's first byte (message_start, or a non-streaming reply),
// so that a test can order events instead of racing the time to first token: hold replies, wait until
// the requests it expects have arrived (`waitForRequests`), then release them, all or one at a time.
// Requests decided while the gate holds are held in arrival order; error replies are never held.

export interface GateTicket {
  /** Runs `begin` now if the ticket is released, else when it is. Called once, at time to first token. */
  whenReleased(begin: () => void): void;
  /** The request closed while held: forget it (its place is not counted by later releases). */
  drop(): void;
}

interface Held {
  released: boolean;
  begin: (() => void) | undefined;
}

export class ResponseGate {
  private holding = false;
  private readonly queue: Held[] = [];

  /** Replies held now (requests decided while holding, not yet released nor closed). */
  get heldCount(): number {
    return this.queue.length;
  }

  hold(): void {
    this.holding = true;
  }

  /**
   * Lets held replies go. Without `count`: every held reply, and the gate stops holding. With `count`:
   * the first `count` held replies in arrival order; the gate keeps holding later ones. Returns how
   * many were released.
   */
  release(count?: number): number {
    if (count !== undefined && (!Number.isInteger(count) || count < 0))
      throw new RangeError(`release count must be a non-negative integer, got ${count}`);
    if (count === undefined) this.holding = false;
    const taken = this.queue.splice(0, count ?? this.queue.length);
    for (const held of taken) {
      held.released = true;
      const begin = held.begin;
      held.begin = undefined;
      begin?.();
    }
    return taken.length;
  }

  /** A ticket for a request whose reply was just planned: held if the gate holds now. */
  admit(): GateTicket {
    const held: Held = { released: !this.holding, begin: undefined };
    if (this.holding) this.queue.push(held);
    return {
      whenReleased: (begin) => {
        if (held.released) begin();
        else held.begin = begin;
      },
      drop: () => {
        const at = this.queue.indexOf(held);
        if (at >= 0) this.queue.splice(at, 1);
        held.begin = undefined;
      },
    };
  }
}

/** The ticket of a reply that is never held. */
export const RELEASED: GateTicket = { whenReleased: (begin) => begin(), drop: () => undefined };
