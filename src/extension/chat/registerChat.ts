// Registers the follow-up chat: the side view and its commands. Cheap at activation: the view's
// implementation (and with it the SDK) is loaded the first time the view or a command is used.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { ChatOptions } from './chatPorts';
import type { ChatViewProvider } from './chatViewProvider';

const VIEW_ID = 'claudeMultiAgent.chat';

let loadActive: (() => Promise<ChatViewProvider>) | undefined;

/**
 * Registers the `claudeMultiAgent.chat` view provider and the commands `claudeMultiAgent.openChat`,
 * `claudeMultiAgent.newThread` and `claudeMultiAgent.askAboutFinding` (argument: a FindingQuestion,
 * `{ file, startLine, endLine, title, explanation }`, `file` a URI string; without it the chat opens).
 */
export function registerChat(services: Services, options: ChatOptions = {}): vscode.Disposable {
  let loading: Promise<ChatViewProvider> | undefined;
  const load = (): Promise<ChatViewProvider> =>
    (loading ??= import('./chatViewProvider').then(({ ChatViewProvider }) => new ChatViewProvider(services, options)));
  loadActive = load;

  const disposables: vscode.Disposable[] = [
    vscode.window.registerWebviewViewProvider(VIEW_ID, {
      resolveWebviewView: async (view) => (await load()).resolveWebviewView(view),
    }),
    vscode.commands.registerCommand('claudeMultiAgent.openChat', () =>
      vscode.commands.executeCommand(`${VIEW_ID}.focus`),
    ),
    vscode.commands.registerCommand('claudeMultiAgent.newThread', async () => (await load()).newThread()),
    vscode.commands.registerCommand('claudeMultiAgent.askAboutFinding', async (arg?: unknown) =>
      (await load()).askAboutFinding(arg),
    ),
  ];

  return new vscode.Disposable(() => {
    for (const d of disposables) d.dispose();
    void loading?.then((provider) => provider.dispose());
    if (loadActive === load) loadActive = undefined;
  });
}

/** The follow-up chat's implementation (loaded on first use), for the editor's `@experts` participant. */
export function followUpChat(): Promise<ChatViewProvider> {
  if (!loadActive) throw new Error('The follow-up chat is not registered.');
  return loadActive();
}

/**
 * Sends `question` in the chat thread of `fileUri` and resolves to the answer (it shows in the chat
 * view as any turn does). For a finding's comment thread; needs registerChat to have run.
 */
export async function replyInChat(question: string, fileUri: vscode.Uri): Promise<string | undefined> {
  if (!loadActive) throw new Error('The follow-up chat is not registered.');
  return (await loadActive()).replyAbout(question, fileUri);
}
