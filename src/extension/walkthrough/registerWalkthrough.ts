// The first run: the walkthrough's commands, the status bar menu, and, on the demo's first start
// (`npm start` sets CLAUDE_MULTI_AGENT_DEMO=1), the walkthrough opened beside the Claude chat.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { MENU_COMMAND, showMenu } from './statusMenu';
import { openWalkthrough, registerTourCommands } from './tourCommands';

const OPENED_KEY = 'claudeMultiAgent.walkthroughOpened';

export const isDemo = (): boolean => process.env['CLAUDE_MULTI_AGENT_DEMO'] === '1';

export function registerWalkthrough(services: Services): vscode.Disposable {
  const { context } = services;
  const id = context.extension.id;
  const disposables = [...registerTourCommands(id), vscode.commands.registerCommand(MENU_COMMAND, () => showMenu(id))];
  if (isDemo() && !context.globalState.get<boolean>(OPENED_KEY)) void openOnFirstStart(services);
  return new vscode.Disposable(() => {
    for (const d of disposables) d.dispose();
  });
}

/** The chat first (it opens the side bar holding it), then the walkthrough, which takes the focus. */
async function openOnFirstStart({ context, logger }: Services): Promise<void> {
  try {
    await context.globalState.update(OPENED_KEY, true);
    await vscode.commands.executeCommand('claudeMultiAgent.chat.focus');
    await openWalkthrough(context.extension.id);
  } catch (err) {
    logger.warn(`The walkthrough could not be opened: ${String(err)}`);
  }
}
