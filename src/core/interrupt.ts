/**
 * Cancels a set of running calls at once. Wraps an AbortController: every HTTP stream started
 * with `token.signal` closes the moment `interrupt()` is called.
 */
export class InterruptToken {
  private readonly controller = new AbortController();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isInterrupted(): boolean {
    return this.controller.signal.aborted;
  }

  interrupt(reason = 'Interrupted'): void {
    if (!this.isInterrupted) this.controller.abort(new InterruptedError(reason));
  }

  /** Runs `listener` on interrupt (at once if already interrupted); returns a function that unsubscribes. */
  onInterrupt(listener: () => void): () => void {
    if (this.isInterrupted) {
      listener();
      return () => {};
    }
    this.controller.signal.addEventListener('abort', listener, { once: true });
    return () => this.controller.signal.removeEventListener('abort', listener);
  }

  /**
   * A token that interrupts when either this one or `signal` does. Call `dispose()` when the work
   * settles: it removes the listener from `signal`, which a long-lived signal (a chat's, reused for
   * every call) would otherwise collect one of per call.
   */
  static from(signal: AbortSignal | undefined): InterruptToken {
    const token = new InterruptToken();
    if (signal) {
      if (signal.aborted) token.interrupt();
      else {
        const forward = () => token.interrupt();
        signal.addEventListener('abort', forward, { once: true });
        token.detach = () => signal.removeEventListener('abort', forward);
      }
    }
    return token;
  }

  /** Stops following the signal this token was made `from` (nothing for other tokens). */
  dispose(): void {
    this.detach();
  }

  private detach: () => void = () => {};
}

export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}
