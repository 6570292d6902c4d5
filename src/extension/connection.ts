import * as vscode from 'vscode';
import { loadCloudProvider, secretsInEnv, type ClientConfig, type CloudProvider, type ProviderChoice } from '../core';
import type { ApiKeyStore } from './apiKeyStore';
import { resolveBaseUrl } from './endpoint';
import { networkTransport } from './networkSettings';
import { customHeadersOf, providerChoiceOf } from './providerSettings';
import type { Settings } from './settingsSchema';

export { resolveBaseUrl };

// Kept in its own module so that activation (which asks it) does not load this one.
export { isSimulated } from './simulated';
import { isSimulated } from './simulated';

export interface ConnectOptions {
  /** Never ask (the model picker refreshing): no key means no connection. */
  silent?: boolean;
}

/** Where a setting problem is fixed: the message names it, the button opens it. */
function reportSettingProblem(message: string, silent: boolean | undefined): undefined {
  if (silent) return undefined;
  const setting = /claudeMultiAgent\.[\w.]+/.exec(message)?.[0] ?? 'claudeMultiAgent';
  void vscode.window.showErrorMessage(message, 'Open user settings').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', setting);
  });
  return undefined;
}

/** One provider per configuration: its SDK loads once, and a degraded feature is noticed once. */
let cachedProvider: { key: string; provider: CloudProvider } | undefined;

async function cloudProvider(choice: Exclude<ProviderChoice, { name: 'anthropic' }>, settings: Settings) {
  const key = JSON.stringify([choice, settings.modelIds]);
  if (cachedProvider?.key !== key) {
    const provider = await loadCloudProvider(choice, {
      modelIds: settings.modelIds,
      onNotice: (message) => void vscode.window.showInformationMessage(`${provider.label}: ${message}`),
    });
    cachedProvider = { key, provider };
  }
  return cachedProvider.provider;
}

/**
 * What a run needs to reach Claude, or undefined when the user declined to set a key. The provider
 * comes from claudeMultiAgent.provider or Claude Code's environment; the Anthropic API (or a gateway)
 * takes the stored key, else a gateway token, and with neither offers to set a key rather than
 * failing. VS Code's proxy and certificate settings apply to every provider.
 */
export async function connect(
  keys: ApiKeyStore,
  settings: Settings,
  options: ConnectOptions = {},
): Promise<ClientConfig | undefined> {
  let choice: ProviderChoice;
  let baseURL: string | undefined;
  let headers: Record<string, string>;
  try {
    choice = providerChoiceOf(settings);
    baseURL = resolveBaseUrl(settings);
    headers = customHeadersOf(settings);
  } catch (err) {
    return reportSettingProblem((err as Error).message, options.silent);
  }
  // Header values and cloud credentials from the environment are secrets for every log line from now on.
  keys.remember([...Object.values(headers), ...secretsInEnv(process.env)]);
  let transport;
  try {
    transport = await networkTransport();
  } catch (err) {
    return reportSettingProblem((err as Error).message, options.silent);
  }
  const common: ClientConfig = {
    ...(Object.keys(headers).length && { defaultHeaders: headers }),
    ...(transport && { fetch: transport.fetch }),
  };
  if (choice.name !== 'anthropic') return { ...common, provider: await cloudProvider(choice, settings) };

  const withEndpoint = (credential: ClientConfig): ClientConfig => ({
    ...common,
    ...credential,
    ...(baseURL && { baseURL }),
  });
  let apiKey = await keys.get();
  if (!apiKey && keys.problem) {
    if (options.silent) return undefined;
    const choice = await vscode.window.showErrorMessage(keys.problem, 'Set API key');
    if (choice !== 'Set API key') return undefined;
    apiKey = await keys.prompt();
    if (!apiKey) return undefined;
  }
  if (apiKey) return withEndpoint({ apiKey });
  const authToken = await keys.tokens.get();
  if (authToken) return withEndpoint({ authToken });
  if (isSimulated()) return withEndpoint({ apiKey: 'simulated-key' });
  if (options.silent) return undefined;
  const picked = await vscode.window.showWarningMessage(
    'Claude Multi-Agent needs an Anthropic API key, a gateway token, or Amazon Bedrock or Google Vertex AI (claudeMultiAgent.provider).',
    {
      modal: false,
      detail:
        'Keys and tokens are kept in VS Code secret storage. ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN, CLAUDE_CODE_USE_BEDROCK and CLAUDE_CODE_USE_VERTEX are used when set.',
    },
    'Set API key',
    'Choose provider',
  );
  if (picked === 'Choose provider') {
    void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.provider');
    return undefined;
  }
  if (picked !== 'Set API key') return undefined;
  apiKey = await keys.prompt();
  return apiKey ? withEndpoint({ apiKey }) : undefined;
}
