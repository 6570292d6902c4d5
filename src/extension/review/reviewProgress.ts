import * as vscode from 'vscode';
import type { RunStatus } from '../../review';

/**
 * A running review's progress notification: counts experts as they end, says when one waits to
 * retry and when the synthesis starts; its Cancel aborts every request. It closes on `close()`.
 */
export class ReviewProgress {
  private progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  private readonly ended: Promise<void>;
  private end: () => void = () => {};
  private done = 0;

  constructor(
    title: string,
    private readonly experts: number,
    abort: AbortController,
  ) {
    this.ended = new Promise<void>((resolve) => (this.end = resolve));
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        this.progress = progress;
        progress.report({ message: `0 of ${experts} experts done` });
        return this.ended;
      },
    );
  }

  /** One section's new status (`name` is the expert's name, the synthesis or the verification). */
  status(name: string, status: RunStatus, note: string | undefined, isExpert: boolean): void {
    if (status === 'waiting' && note) this.progress?.report({ message: `${name}: ${note}` });
    if (isExpert && (status === 'done' || status === 'failed' || status === 'cancelled')) {
      this.done++;
      this.progress?.report({ message: `${this.done} of ${this.experts} experts done`, increment: 100 / this.experts });
    }
    if (!isExpert && status === 'streaming')
      this.progress?.report({ message: note ? `${name}: ${note}` : 'Synthesising findings…' });
  }

  close(): void {
    this.end();
  }
}
