// The last model list, kept so that the picker can show our models right after startup without
// loading the SDK or calling models.list; refreshed once the feature is loaded for real use.
import type * as vscode from 'vscode';

const KEY = 'claudeMultiAgent.editorChat.models';

export class ModelListCache {
  constructor(private readonly state: vscode.Memento) {}

  get(): vscode.LanguageModelChatInformation[] | undefined {
    const stored = this.state.get<unknown>(KEY);
    return Array.isArray(stored) && stored.length ? (stored as vscode.LanguageModelChatInformation[]) : undefined;
  }

  /** Stores `models`; true when they differ from what was stored. */
  async set(models: readonly vscode.LanguageModelChatInformation[]): Promise<boolean> {
    const changed = JSON.stringify(this.state.get(KEY) ?? []) !== JSON.stringify(models);
    if (changed) await this.state.update(KEY, models.length ? models : undefined);
    return changed;
  }

  /** The key or the endpoint changed: the list may no longer hold. */
  clear(): Thenable<void> {
    return this.state.update(KEY, undefined);
  }
}
