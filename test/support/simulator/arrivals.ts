// Counts POST /v1/messages requests once each has been read and decided (its reply planned, with its
// cache usage fixed, or an error sent), so a test can wait for "N requests are here" instead of
// guessing how long that takes. Waits use real time, whatever clock paces the replies: a wait's
// timeout only turns a request that never comes into a clear failure.

export class Arrivals {
  private decided = 0;
  private generation = 0;
  private readonly waiters = new Set<{ count: number; resolve: () => void }>();

  /** The generation a new request belongs to; requests from before a reset() are not counted. */
  get current(): number {
    return this.generation;
  }

  get count(): number {
    return this.decided;
  }

  noteDecided(generation: number): void {
    if (generation !== this.generation) return;
    this.decided += 1;
    for (const waiter of [...this.waiters]) if (this.decided >= waiter.count) waiter.resolve();
  }

  waitFor(count: number, timeoutMs: number): Promise<void> {
    if (!Number.isInteger(count) || count < 0)
      return Promise.reject(new RangeError(`waitForRequests needs a non-negative integer, got ${count}`));
    if (this.decided >= count) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        count,
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`the simulator received ${this.decided} of ${count} expected request(s) in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Starts counting from zero (pending waits keep waiting for requests from now on). */
  reset(): void {
    this.generation += 1;
    this.decided = 0;
  }
}
