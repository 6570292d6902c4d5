// The follow-up chat side view: a thin adapter between the chat (src/chat: threads, asking, streaming)
// and its webview. It follows the active editor (one thread per file), shows the chat's events for the
// file it follows, and runs the chat's commands; the page is rebuilt from the chat's state on `ready`.
import * as vscode from 'vscode';
import { FollowUpChat, ThreadStore, type AskHooks, type ChatEvent, type ChatSendResult } from '../../chat';
import { parseChatMessage, type ChatHostMessage, type ChatWebviewMessage } from '../../shared/protocol';
import { isSimulated } from '../connection';
import type { Services } from '../services';
import { runContentAction } from '../webview/openLink';
import { hostView } from '../webview/openWebview';
import type { WebviewHost } from '../webview/webviewHost';
import { eventMessages, threadMessages } from './chatMessages';
import { editorChatPorts, targetOf, type ChatOptions, type EditorTarget } from './chatPorts';
import { insertCode, isChatDocument, toUri } from './editorFiles';
import { findingDraft, isFindingQuestion } from './findingQuestion';

export const CHAT_VIEW_ID = 'claudeMultiAgent.chat';

const ONE_THREAD_PER_FILE = 'Open a file first: the chat keeps one thread per file.';

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private host: WebviewHost<ChatHostMessage, ChatWebviewMessage> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly store: ThreadStore;
  private readonly chat: FollowUpChat<EditorTarget>;
  private current: EditorTarget | undefined;
  private lastEditor: vscode.TextEditor | undefined;
  /** A question for the composer, kept until a loaded page received it (askInChat). */
  private pendingDraft: string | undefined;
  private warnedAboutStorage = false;

  constructor(
    private readonly services: Services,
    options: ChatOptions = {},
  ) {
    this.store = new ThreadStore(services.context.workspaceState, {
      onProblem: (m) => this.storageProblem(m),
      secrets: () => services.keys.known(),
    });
    this.chat = new FollowUpChat(editorChatPorts(services, options, this.store, (e) => this.show(e)));
    this.follow(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (this.lastEditor?.document === doc) this.lastEditor = undefined;
      }),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    const { logger } = this.services;
    const host = hostView<ChatHostMessage, ChatWebviewMessage>(view, this.services.context.extensionUri, {
      page: { script: 'chatMain', styles: ['base.css', 'chat.css'], title: 'Follow-up chat' },
      parse: parseChatMessage,
      onMessage: (message) => this.handle(message),
      replay: () => {
        this.postThread();
        this.postDraft();
      },
      onInvalid: (what) => logger.warn(`Ignored a message from the chat view that is not of the protocol (${what}).`),
      onError: (err) => logger.error(`Chat: ${this.chat.redact(messageOf(err))}`),
      onClosed: () => {
        if (this.host === host) this.host = undefined;
      },
    });
    this.host = host;
  }

  /** Shows the chat view (resolving it if needed). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  private post(message: ChatHostMessage): boolean {
    return this.host?.post(message) ?? false;
  }

  private async handle(message: Exclude<ChatWebviewMessage, { type: 'ready' }>): Promise<void> {
    switch (message.type) {
      case 'send':
        if (this.current) await this.chat.ask(message.text, this.current);
        else this.postThread(); // drops the question the view showed optimistically
        return;
      case 'stop':
        if (this.current) this.chat.stop(this.current.key);
        return;
      case 'newThread':
        return this.newThread();
      case 'insertCode':
        return insertCode(this.lastEditor, message.code);
      case 'copyText':
      case 'openLink':
        return runContentAction(message, (m) => this.services.logger.warn(`Chat: ${m}`));
    }
  }

  /** What the chat says about the thread of the file the view follows. */
  private show(event: ChatEvent): void {
    if (event.key !== this.current?.key) return;
    if (event.type === 'thread') this.postThread();
    else for (const message of eventMessages(event, this.chat.noticeFor(event.key))) this.post(message);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    // Focus moving to a panel or to the chat itself leaves the thread as it is.
    if (!editor || !isChatDocument(editor.document)) return;
    this.lastEditor = editor;
    if (this.current?.key === editor.document.uri.toString()) return;
    this.current = targetOf(editor.document);
    this.postThread();
  }

  /** The whole thread of the current file (replaces what the view shows); a page not loaded gets it on `ready`. */
  private postThread(): void {
    if (!this.host?.isLive) return;
    const target = this.current;
    for (const message of threadMessages(target, target && this.chat.snapshot(target), isSimulated()))
      this.post(message);
  }

  private postDraft(): void {
    if (this.pendingDraft !== undefined && this.post({ type: 'chat/compose', text: this.pendingDraft }))
      this.pendingDraft = undefined;
  }

  /** Asks for confirmation, then forgets the current file's thread. */
  async newThread(): Promise<void> {
    const target = this.current;
    if (!target) {
      void vscode.window.showInformationMessage(ONE_THREAD_PER_FILE);
      return;
    }
    if (!this.chat.hasConversation(target)) return;
    const choice = await vscode.window.showWarningMessage(
      `Start a new thread for ${target.label}?`,
      { modal: true, detail: 'The current conversation about this file is deleted; the model starts without it.' },
      'New thread',
    );
    if (choice === 'New thread') await this.chat.clear(target);
  }

  /** Focuses the chat on the finding's file thread, with the finding quoted in the composer. */
  async askAboutFinding(arg: unknown): Promise<void> {
    if (!isFindingQuestion(arg)) return this.reveal();
    const uri = toUri(arg.file);
    if (!uri) {
      void vscode.window.showWarningMessage(`Cannot find the file of the finding "${arg.title.trim()}".`);
      return;
    }
    await this.askInChat(findingDraft(arg), uri);
  }

  /** Asks `text` in the thread of `uri` (the editor's `@experts` follow-ups), streaming through `hooks`. */
  async askInThread(text: string, uri: vscode.Uri, hooks: AskHooks): Promise<void> {
    await this.chat.ask(text, targetOf(await vscode.workspace.openTextDocument(uri)), hooks);
  }

  /**
   * Focuses the chat on the thread of `fileUri` (default: the current file) and puts `draft` into its
   * composer for the user to edit and send. No editor is opened: the thread is the file's, wherever it is shown.
   */
  async askInChat(draft: string, fileUri?: vscode.Uri): Promise<void> {
    if (fileUri && this.current?.key !== fileUri.toString()) {
      const target = await this.chatTarget(fileUri);
      if (!target) return;
      this.current = target;
      this.postThread();
    }
    if (!this.current) {
      void vscode.window.showInformationMessage(ONE_THREAD_PER_FILE);
      return;
    }
    // A page that is not loaded (never shown, or torn down while hidden) takes the draft on `ready`.
    this.pendingDraft = draft;
    this.postDraft();
    await this.reveal();
  }

  /**
   * Sends `question` in the thread of `fileUri` (shown in the chat view too) and resolves to the
   * reply's text: a finding's comment thread shows it. Undefined when nothing could be sent.
   */
  async replyAbout(question: string, fileUri: vscode.Uri): Promise<string | undefined> {
    const target = await this.chatTarget(fileUri);
    if (!target) return undefined;
    this.current = target;
    this.postThread();
    const result: ChatSendResult | undefined = await this.chat.ask(question, target);
    if (!result) return undefined;
    return result.note ? `${result.text}\n\n_${this.chat.redact(result.note)}_` : result.text;
  }

  /** The thread of a file the chat can discuss, or undefined (and a warning). */
  private async chatTarget(fileUri: vscode.Uri): Promise<EditorTarget | undefined> {
    try {
      const doc = await vscode.workspace.openTextDocument(fileUri);
      if (!isChatDocument(doc)) throw new Error('it is not a file the chat can discuss');
      return targetOf(doc);
    } catch (err) {
      void vscode.window.showWarningMessage(`Could not open ${fileUri.toString(true)}: ${messageOf(err)}`);
      return undefined;
    }
  }

  private storageProblem(message: string): void {
    this.services.logger.warn(`Chat history: ${message}`);
    if (this.warnedAboutStorage) return;
    this.warnedAboutStorage = true;
    void vscode.window.showWarningMessage(
      `Claude Multi-Agent: part of the chat history could not be loaded or saved. ${message}`,
    );
  }

  dispose(): void {
    this.chat.dispose();
    void this.store.dispose();
    this.host?.dispose();
    this.host = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
