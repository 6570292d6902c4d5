import * as vscode from 'vscode';
import { apiKeyProblem } from './apiKeyCheck';
import { AuthTokenStore } from './authTokenStore';
import { readSettings } from './config';
import { resolveBaseUrl } from './endpoint';

const SECRET_ID = 'claudeMultiAgent.apiKey';

/** The Anthropic key: in SecretStorage, with ANTHROPIC_API_KEY as the fallback. Never logged. */
export class ApiKeyStore {
  private cached: string | undefined;
  /** A key found but refused (control characters): never used, still redacted wherever it shows up. */
  private refused: string | undefined;
  private refusal: string | undefined;
  /** A gateway's bearer token, the alternative to a key. */
  readonly tokens: AuthTokenStore;
  /** Other values that must not reach a log: custom header values, cloud credentials from the environment. */
  private readonly remembered = new Set<string>();

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.tokens = new AuthTokenStore(secrets);
  }

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

  /** The last key read (and any refused one), the token and remembered values, for redaction in synchronous code (loggers). */
  known(): string[] {
    return [this.cached, this.refused, ...this.tokens.known(), ...this.remembered].filter((k): k is string => !!k);
  }

  /** Adds values to redact from now on (header values, credentials read from the environment). */
  remember(values: readonly string[]): void {
    for (const v of values) if (v) this.remembered.add(v);
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
    // The key check names where requests go: with Bedrock or Vertex chosen, an Anthropic key is not used.
    const { providerLabelOf } = await import('./providerSettings');
    const label = providerLabelOf(readSettings());
    if (label && !label.startsWith('Anthropic API')) {
      const go = await vscode.window.showWarningMessage(
        `Requests go to ${label} (claudeMultiAgent.provider or CLAUDE_CODE_USE_BEDROCK/VERTEX): an Anthropic API key is used only with the Anthropic API.`,
        'Set key anyway',
      );
      if (go !== 'Set key anyway') return undefined;
    }
    const key = await vscode.window.showInputBox({
      title: 'Claude Multi-Agent: Anthropic API key',
      prompt: "Stored in VS Code's secret storage; never written to settings or logs.",
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'sk-ant-…',
      validateInput: (v) =>
        apiKeyProblem(v.trim(), 'entered') ?? (v.trim().length < 8 ? 'That does not look like an API key.' : undefined),
    });
    if (!key) return undefined;
    const check = await this.verify(key.trim());
    if (check && !check.ok && check.refused) {
      const choice = await vscode.window.showErrorMessage(
        `The API refused that key, so it was not saved: ${check.message}`,
        'Enter another key',
      );
      return choice ? this.prompt() : undefined;
    }
    await this.set(key.trim());
    const unchecked =
      check && !check.ok ? ` It could not be checked (${check.message}); it will be tried on the first request.` : '';
    void vscode.window.showInformationMessage(`Anthropic API key saved in secret storage.${unchecked}`);
    return key.trim();
  }

  /** One models.list request to the configured endpoint; undefined when there is no endpoint to ask. */
  private async verify(key: string) {
    let baseURL: string | undefined;
    try {
      baseURL = resolveBaseUrl(readSettings());
    } catch {
      return undefined; // a bad endpoint setting is reported when a run connects
    }
    // Loaded here, not at activation: the SDK is evaluated only when something talks to the API.
    const { verifyApiKey } = await import('../core');
    // The check names where the key goes: the Anthropic API, or the gateway in claudeMultiAgent.baseUrl.
    const where = baseURL ? new URL(baseURL).host : 'the Anthropic API';
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Checking the API key with ${where}…` },
      () => verifyApiKey(baseURL ? { apiKey: key, baseURL, timeoutMs: 15_000 } : { apiKey: key, timeoutMs: 15_000 }),
    );
  }
}
