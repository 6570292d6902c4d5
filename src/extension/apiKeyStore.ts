import * as vscode from 'vscode';
import { apiKeyProblem } from './apiKeyCheck';

const SECRET_ID = 'claudeMultiAgent.apiKey';

/** The Anthropic key: in SecretStorage, with ANTHROPIC_API_KEY as the fallback. Never logged. */
export class ApiKeyStore {
  private cached: string | undefined;
  /** A key found but refused (control characters): never used, still redacted wherever it shows up. */
  private refused: string | undefined;
  private refusal: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The usable key, or undefined when there is none or it was refused (see `problem`). */
  async get(): Promise<string | undefined> {
    const stored = (await this.secrets.get(SECRET_ID)) || undefined;
    const env = process.env['ANTHROPIC_API_KEY'] || undefined;
    const key = stored ?? env;
    this.refusal = key ? apiKeyProblem(key, stored ? 'stored' : 'ANTHROPIC_API_KEY') : undefined;
    this.refused = this.refusal ? key : undefined;
    this.cached = this.refusal ? undefined : key;
    return this.cached;
  }

  /** Why the last key read was refused, in words for the user. */
  get problem(): string | undefined {
    return this.refusal;
  }

  /** The last key read (and any refused one), for redaction in synchronous code (loggers). */
  known(): string[] {
    return [this.cached, this.refused].filter((k): k is string => !!k);
  }

  async set(key: string): Promise<void> {
    const problem = apiKeyProblem(key, 'entered');
    if (problem) throw new Error(problem);
    await this.secrets.store(SECRET_ID, key);
    this.refused = undefined;
    this.refusal = undefined;
    this.cached = key;
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
    await this.get();
  }

  /** Asks for a key with a password box; returns it once stored. */
  async prompt(): Promise<string | undefined> {
    const key = await vscode.window.showInputBox({
      title: 'Claude Multi-Agent: Anthropic API key',
      prompt: 'Stored in VS Code\'s secret storage; never written to settings or logs.',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-ant-…',
      validateInput: (v) => apiKeyProblem(v.trim(), 'entered') ?? (v.trim().length < 8 ? 'That does not look like an API key.' : undefined),
    });
    if (!key) return undefined;
    await this.set(key.trim());
    void vscode.window.showInformationMessage('Anthropic API key saved in secret storage.');
    return key.trim();
  }
}
