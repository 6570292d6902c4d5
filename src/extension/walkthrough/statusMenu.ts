// The status bar item's menu: what the extension does, one click from its status bar item, the Claude
// chat first (with VS Code's chat on, our chat's container can fold into the secondary side bar's
// "Additional Views"; this, the command and its own container icon keep it one click away).
import * as vscode from 'vscode';

export const MENU_COMMAND = 'claudeMultiAgent.menu';

interface MenuItem extends vscode.QuickPickItem {
  command?: string;
  args?: unknown[];
}

export function menuItems(extensionId: string): MenuItem[] {
  return [
    { label: '$(comment-discussion) Open the Claude chat', command: 'claudeMultiAgent.openChat' },
    { label: '$(organization) Review this file', command: 'claudeMultiAgent.review' },
    { label: '$(diff) Review uncommitted changes', command: 'claudeMultiAgent.reviewChanges' },
    { label: '$(git-compare) Review branch against base…', command: 'claudeMultiAgent.reviewBranch' },
    { label: '$(history) Reopen a recent review…', command: 'claudeMultiAgent.reopenReview' },
    { label: '$(run-all) Delegate task to parallel agents…', command: 'claudeMultiAgent.delegate' },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(symbol-misc) Choose model…', command: 'claudeMultiAgent.chooseModel' },
    { label: '$(key) Set Anthropic API key', command: 'claudeMultiAgent.setApiKey' },
    {
      label: '$(settings-gear) Settings',
      command: 'workbench.action.openSettings',
      args: [`@ext:${extensionId}`],
    },
    { label: '$(book) Get started (walkthrough)', command: 'claudeMultiAgent.tour.open' },
  ];
}

export async function showMenu(extensionId: string): Promise<void> {
  const pick = await vscode.window.showQuickPick(menuItems(extensionId), { title: 'Claude Multi-Agent' });
  if (pick?.command) await vscode.commands.executeCommand(pick.command, ...(pick.args ?? []));
}
