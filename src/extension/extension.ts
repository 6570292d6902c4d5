import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('claudeMultiAgent.setApiKey', async () => {
      const key = await vscode.window.showInputBox({ prompt: 'Anthropic API key', password: true, ignoreFocusOut: true });
      if (key) await context.secrets.store('claudeMultiAgent.apiKey', key.trim());
    }),
  );
}

export function deactivate(): void {}
