// Coalesces streamed text so a webview receives at most one message per interval (default 33 ms,
// about 30 a second) however fast the chunks arrive. Pure: no `vscode` import.

export interface TextBatcherOptions {
  intervalMs?: number;
}

export class TextBatcher {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSent = Number.NEGATIVE_INFINITY;
  private disposed = false;
  private readonly intervalMs: number;

  constructor(
    private readonly send: (text: string) => void,
    options: TextBatcherOptions = {},
  ) {
    this.intervalMs = Math.max(0, options.intervalMs ?? 33);
  }

  push(text: string): void {
    if (this.disposed || !text) return;
    this.pending += text;
    if (this.timer) return;
    const wait = Math.max(0, this.lastSent + this.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  /** Sends what is pending now. */
  flush(): void {
    this.cancelTimer();
    if (!this.pending || this.disposed) return;
    const text = this.pending;
    this.pending = '';
    this.lastSent = performance.now();
    this.send(text);
  }

  /** Drops what is pending (the receiver was sent a full snapshot that already contains it). */
  discard(): void {
    this.cancelTimer();
    this.pending = '';
  }

  dispose(): void {
    this.discard();
    this.disposed = true;
  }

  private cancelTimer(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
