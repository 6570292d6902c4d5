import * as vscode from 'vscode';
import { gatherProgressMessage, type GatherProgress } from '../../review';

/**
 * The notification shown while a review reads the workspace, before any request: gathering a big or
 * remote workspace takes a while, so it says how far it got and its Cancel aborts the review. It has
 * its own title so that it is never mistaken for the review's own notification, which follows it.
 */
export class GatherNotification {
  private progress: vscode.Progress<{ message?: string }> | undefined;
  private opened = false;
  private end: () => void = () => {};

  constructor(
    private readonly title: string,
    private readonly abort: AbortController,
  ) {}

  update(p: GatherProgress): void {
    if (!this.opened) this.open();
    this.progress?.report({ message: gatherProgressMessage(p) });
  }

  close(): void {
    this.end();
  }

  private open(): void {
    this.opened = true;
    const ended = new Promise<void>((resolve) => (this.end = resolve));
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: this.title, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => this.abort.abort());
        this.progress = progress;
        progress.report({ message: 'Gathering files…' });
        return ended;
      },
    );
  }
}
