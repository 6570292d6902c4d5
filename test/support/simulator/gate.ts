// A test-controlled gate in replies, so that a test can order events instead of racing the pacing:
// hold replies, wait until the requests it expects have arrived (`waitForRequests`), then release them,
// all or one at a time. A reply is held at its first byte (message_start, or a non-streaming reply), or
// after its first `afterTokens` output tokens when the test holds with that option (so a client can see
// the stream begin while it stays open). Requests decided while the gate holds are held in arrival
// order; error replies are never held.

export interface HoldOptions {
  /** Hold each reply after this many output tokens (streaming), instead of before message_start. */
  afterTokens?: number;
}

export interface GateTicket {
  /** Where this reply stops: undefined = before message_start, else after this many output tokens. */
  readonly afterTokens: number | undefined;
  /** Runs `go` now if the ticket is released, else when it is. Called once, at the hold point. */
  whenReleased(go: () => void): void;
  /** The request closed: forget it (its place is not counted by later releases). */
  drop(): void;
}

interface Held {
  released: boolean;
  go: (() => void) | undefined;
}

export class ResponseGate {
  private holding: HoldOptions | undefined;
  private readonly queue: Held[] = [];

  /** Replies held now (requests decided while holding, not yet released nor closed). */
  get heldCount(): number {
    return this.queue.length;
  }

  hold(options: HoldOptions = {}): void {
    const after = options.afterTokens;
    if (after !== undefined && (!Number.isInteger(after) || after < 0))
      throw new RangeError(`afterTokens must be a non-negative integer, got ${after}`);
    this.holding = { ...options };
  }

  /**
   * Lets held replies go. Without `count`: every held reply, and the gate stops holding. With `count`:
   * the first `count` held replies in arrival order; the gate keeps holding later ones. Returns how
   * many were released.
   */
  release(count?: number): number {
    if (count !== undefined && (!Number.isInteger(count) || count < 0))
      throw new RangeError(`release count must be a non-negative integer, got ${count}`);
    if (count === undefined) this.holding = undefined;
    const taken = this.queue.splice(0, count ?? this.queue.length);
    for (const held of taken) {
      held.released = true;
      const go = held.go;
      held.go = undefined;
      go?.();
    }
    return taken.length;
  }

  /** A ticket for a request whose reply was just planned: held if the gate holds now. */
  admit(): GateTicket {
    const holding = this.holding;
    const held: Held = { released: holding === undefined, go: undefined };
    if (holding) this.queue.push(held);
    return {
      afterTokens: holding?.afterTokens,
      whenReleased: (go) => {
        if (held.released) go();
        else held.go = go;
      },
      drop: () => {
        const at = this.queue.indexOf(held);
        if (at >= 0) this.queue.splice(at, 1);
        held.go = undefined;
      },
    };
  }
}

/** The ticket of a reply that is never held. */
export const RELEASED: GateTicket = { afterTokens: undefined, whenReleased: (go) => go(), drop: () => undefined };
