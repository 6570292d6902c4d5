import * as vscode from 'vscode';

const SECRET_ID = 'claudeMultiAgent.apiKey';

/** The Anthropic key: in SecretStorage, with ANTHROPIC_API_KEY as the fallback. Never logged. */
export class ApiKeyStore {
  private cached: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    this.cached = (await this.secrets.get(SECRET_ID)) || process.env['ANTHROPIC_API_KEY'] || undefined;
    return this.cached;
  }

  /** The last key read, for redaction in synchronous code (loggers). */
  known(): string[] {
    return this.cached ? [this.cached] : [];
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_ID, key);
    this.cached = key;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
    this.cached = process.env['ANTHROPIC_API_KEY'] || undefined;
  }

  /** Asks for a key with a password box; returns it once stored. */
  async prompt(): Promise<string | undefined> {
    const key = await vscode.window.showInputBox({
      title: 'Claude Multi-Agent: Anthropic API key',
      prompt: 'Stored in VS Code\'s secret storage; never written to settings or logs.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-ant-…',
      validateInput: (v) => (v.trim().length < 8 ? 'That does not look like an API key.' : undefined),
    });
    if (!key) return undefined;
    await this.set(key.trim());
    void vscode.window.showInformationMessage('Anthropic API key saved in secret storage.');
    return key.trim();
  }
}
