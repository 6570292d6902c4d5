import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension/extension';
import { startSimulator, type Simulator } from '../../support/simulator';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';

export const EXTENSION_ID = 'claude-multi-agent.claude-multi-agent';
export const KEY = fakeKey('host');

export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  return ext.activate();
}

/** A simulator answering like reviewers, with the extension pointed at it through user settings. */
export async function simulatorForExtension(): Promise<Simulator> {
  const sim = await startSimulator({
    apiKey: KEY,
    responder: demoResponder,
    timeToFirstTokenMs: 20,
    tokensPerSecond: 0,
  });
  await vscode.workspace
    .getConfiguration('claudeMultiAgent')
    .update('baseUrl', sim.url, vscode.ConfigurationTarget.Global);
  await (await api()).services.keys.set(KEY);
  return sim;
}

export function workspaceUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the extension-host suite needs the fixture workspace open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
