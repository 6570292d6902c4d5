import * as vscode from 'vscode';
import type { ClientConfig } from '../core';
import type { ApiKeyStore } from './apiKeyStore';
import { resolveBaseUrl } from './endpoint';
import type { Settings } from './settingsSchema';

export { resolveBaseUrl };

/** Set by `npm start` when no key is given: answers come from the local simulator. */
export const isSimulated = (): boolean => process.env['CLAUDE_MULTI_AGENT_SIMULATED'] === '1';

/**
 * What a run needs to reach the API, or undefined when the user declined to set a key. With no key
 * it offers to set one rather than failing.
 */
export async function connect(keys: ApiKeyStore, settings: Settings): Promise<ClientConfig | undefined> {
  let baseURL: string | undefined;
  try {
    baseURL = resolveBaseUrl(settings);
  } catch (err) {
    void vscode.window.showErrorMessage((err as Error).message, 'Open user settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.baseUrl');
    });
    return undefined;
  }
  let apiKey = await keys.get();
  if (!apiKey && keys.problem) {
    const choice = await vscode.window.showErrorMessage(keys.problem, 'Set API key');
    if (choice !== 'Set API key') return undefined;
    apiKey = await keys.prompt();
    if (!apiKey) return undefined;
  }
  if (!apiKey && isSimulated()) apiKey = 'simulated-key';
  if (!apiKey) {
    const choice = await vscode.window.showWarningMessage(
      'Claude Multi-Agent needs an Anthropic API key.',
      { modal: false, detail: 'It is kept in VS Code secret storage. ANTHROPIC_API_KEY is used when set.' },
      'Set API key',
    );
    if (choice !== 'Set API key') return undefined;
    apiKey = await keys.prompt();
    if (!apiKey) return undefined;
  }
  return baseURL ? { apiKey, baseURL } : { apiKey };
}
