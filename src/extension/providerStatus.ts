import * as vscode from 'vscode';
import { readSettings } from './config';
import { providerLabelOf } from './providerSettings';

/**
 * Names the provider in the status bar whenever requests do not go straight to the Anthropic API
 * (Bedrock, Vertex, a gateway), so nobody wonders where the code went or who bills it.
 */
export function providerStatus(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('claudeMultiAgent.provider', vscode.StatusBarAlignment.Right, 101);
  item.name = 'Claude Multi-Agent provider';
  item.command = {
    title: 'Provider settings',
    command: 'workbench.action.openSettings',
    arguments: ['claudeMultiAgent.provider'],
  };
  const update = () => {
    const label = providerLabelOf(readSettings());
    if (!label || label === 'Anthropic API') return item.hide();
    item.text = `$(cloud) ${label}`;
    item.tooltip = `Claude Multi-Agent sends requests to ${label}. Click to change claudeMultiAgent.provider.`;
    item.show();
  };
  update();
  const watch = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('claudeMultiAgent')) update();
  });
  return vscode.Disposable.from(item, watch);
}
