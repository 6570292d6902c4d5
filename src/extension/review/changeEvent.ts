// The `onDidChange` of the review's models, shaped like vscode.Event (a subscription returns a
// disposable) but without importing vscode, so the models run in plain Node tests.

export interface Subscription {
  dispose(): void;
}

export type ChangeEvent<T> = (listener: (change: T) => void) => Subscription;

export class ChangeEmitter<T> {
  private readonly listeners = new Set<(change: T) => void>();

  readonly event: ChangeEvent<T> = (listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(change: T): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
