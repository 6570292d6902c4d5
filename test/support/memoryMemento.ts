// Workspace storage as VS Code's Memento behaves: JSON values by key, copies in and out.
import type * as vscode from 'vscode';

export class MemoryMemento implements vscode.Memento {
  readonly data = new Map<string, unknown>();
  writes = 0;
  keys(): readonly string[] {
    return [...this.data.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return this.data.has(key) ? (JSON.parse(JSON.stringify(this.data.get(key))) as T) : fallback;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.writes++;
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}
