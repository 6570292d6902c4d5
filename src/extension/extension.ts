import * as vscode from 'vscode';
import { ApiKeyStore } from './apiKeyStore';
import { registerChat } from './chat/registerChat';
import { registerDelegation } from './delegate/registerDelegation';
import { registerEditorChat } from './editorChat/registerEditorChat';
import { registerWalkthrough } from './walkthrough/registerWalkthrough';
import { MENU_COMMAND } from './walkthrough/statusMenu';
import { createLogger } from './logging';
import type { Services } from './services';
import { ReviewedCodeRegistry } from '../review/pipeline/reviewedCode';
import { REVIEW_COMMANDS, REVIEW_VIEW_TYPE } from './review/reviewCommands';
import type { ReviewController } from './review/reviewController';
import { hasOpenFindings, OPEN_FINDINGS_KEY } from './review/openFinding';
import { sweepCacheFolder } from '../node/cacheFolder';

/** Loads a feature module on first use, so activation stays cheap (the SDK is not evaluated until needed). */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => (loading ??= load());
}

/** What tests reach through the extension's exports. */
export interface ExtensionApi {
  services: Services;
  review(): Promise<ReviewController>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = vscode.window.createOutputChannel('Claude Multi-Agent', { log: true });
  const keys = new ApiKeyStore(context.secrets);
  void keys.get(); // primes redaction with the stored key
  void keys.tokens.get(); // and the gateway token
  const logger = createLogger(channel, () => keys.known());
  const services: Services = { context, keys, logger, reviewedCode: new ReviewedCodeRegistry() };

  const review = lazy(async () => {
    const { ReviewController } = await import('./review/reviewController');
    const controller = new ReviewController(services);
    context.subscriptions.push(controller);
    return controller;
  });

  context.subscriptions.push(
    channel,
    vscode.commands.registerCommand('claudeMultiAgent.setApiKey', () => keys.prompt()),
    vscode.commands.registerCommand('claudeMultiAgent.clearApiKey', async () => {
      await keys.clear();
      void vscode.window.showInformationMessage(
        process.env['ANTHROPIC_API_KEY']
          ? 'Stored API key cleared; ANTHROPIC_API_KEY from the environment is still used.'
          : 'Stored API key cleared.',
      );
    }),
    vscode.commands.registerCommand('claudeMultiAgent.setAuthToken', () => keys.tokens.prompt()),
    vscode.commands.registerCommand('claudeMultiAgent.clearAuthToken', async () => {
      await keys.tokens.clear();
      void vscode.window.showInformationMessage(
        process.env['ANTHROPIC_AUTH_TOKEN']
          ? 'Stored gateway token cleared; ANTHROPIC_AUTH_TOKEN from the environment is still used.'
          : 'Stored gateway token cleared.',
      );
    }),
    registerChat(services),
    registerDelegation(services),
    registerEditorChat(services, review),
    ...REVIEW_COMMANDS.map((id) =>
      vscode.commands.registerCommand(id, async (...args: unknown[]) => (await review()).run(id, args)),
    ),
    // Review panels open at a reload come back with their review (VS Code keeps the tab and the page's
    // saved state, which names the review; the history has the rest).
    vscode.window.registerWebviewPanelSerializer(REVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => (await review()).restorePanel(panel, state),
    }),
    vscode.commands.registerCommand('claudeMultiAgent.sweepWorkspace', async () =>
      (await import('./sweep/sweepWorkspace')).sweepWorkspace(services, review),
    ),
    vscode.commands.registerCommand('claudeMultiAgent.chooseModel', async () =>
      (await import('./models/chooseModel')).chooseModel(services),
    ),
    registerWalkthrough(services),
  );
  // Named in the status bar when requests do not go straight to the Anthropic API; loaded after activation.
  void import('./providerStatus').then(({ providerStatus }) => context.subscriptions.push(providerStatus()));
  // A sweep whose batch was still running at the last reload resumes its notification.
  if (vscode.workspace.isTrusted) void resumeSweep(services, review);
  // Open findings outlive a reload: the review feature loads (after activation) to show them again in
  // Problems and as comment threads. Only then: activation stays cheap for everyone else.
  if (hasOpenFindings(context.workspaceState.get(OPEN_FINDINGS_KEY)))
    review().catch((err: unknown) => logger.error(`Could not show the open findings again: ${String(err)}`));
  if (process.env['CLAUDE_MULTI_AGENT_SIMULATED'] === '1') context.subscriptions.push(simulatedIndicator());
  logger.info(
    `Claude Multi-Agent activated${process.env['CLAUDE_MULTI_AGENT_SIMULATED'] === '1' ? ' (simulated answers)' : ''}.`,
  );
  return { services, review };
}

/** The sweep module (and the SDK with it) loads only when a sweep of this folder has saved a batch. */
async function resumeSweep(services: Services, review: () => Promise<ReviewController>): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') return;
  const saved = await vscode.workspace.fs.readDirectory(vscode.Uri.file(sweepCacheFolder(folder.uri.fsPath))).then(
    (entries) => entries.some(([name]) => name.endsWith('.json')),
    () => false,
  );
  if (saved) await (await import('./sweep/sweepWorkspace')).sweepWorkspace(services, review, true);
}

/** Says plainly, all the time, that answers come from the local simulator (npm start without a key). */
function simulatedIndicator(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('claudeMultiAgent.simulated', vscode.StatusBarAlignment.Left, 0);
  item.name = 'Claude Multi-Agent: simulated answers';
  item.text = '$(beaker) Claude Multi-Agent: simulated answers';
  item.tooltip =
    'No ANTHROPIC_API_KEY was given, so answers come from a local simulator, not from Claude. Set a key and restart to use the real API.';
  item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  item.command = MENU_COMMAND;
  item.show();
  return item;
}

export function deactivate(): void {}
