import * as vscode from 'vscode';
import { apiKeyProblem } from './apiKeyCheck';

const SECRET_ID = 'claudeMultiAgent.authToken';

/**
 * An LLM gateway's bearer token (sent as `Authorization: Bearer`), the alternative to an API key: in
 * SecretStorage, with ANTHROPIC_AUTH_TOKEN as the fallback. Never logged.
 */
export class AuthTokenStore {
  private cached: string | undefined;

  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** The usable token, or undefined (none, or one with a control character, which is never sent). */
  async get(): Promise<string | undefined> {
    const token = (await this.secrets.get(SECRET_ID)) || process.env['ANTHROPIC_AUTH_TOKEN']?.trim() || undefined;
    this.cached = token && !apiKeyProblem(token, 'stored') ? token : undefined;
    return this.cached;
  }

  known(): string[] {
    return this.cached ? [this.cached] : [];
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
    await this.get();
  }

  /** Asks for the token with a password box; returns it once stored. */
  async prompt(): Promise<string | undefined> {
    const token = await vscode.window.showInputBox({
      title: 'Claude Multi-Agent: gateway auth token',
      prompt:
        "Sent as 'Authorization: Bearer' to the endpoint in claudeMultiAgent.baseUrl, instead of an API key. Stored in VS Code's secret storage.",
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => apiKeyProblem(v.trim(), 'entered') ?? (v.trim() ? undefined : 'Enter a token.'),
    });
    if (!token?.trim()) return undefined;
    await this.secrets.store(SECRET_ID, token.trim());
    this.cached = token.trim();
    void vscode.window.showInformationMessage('Gateway auth token saved in secret storage.');
    return this.cached;
  }
}
