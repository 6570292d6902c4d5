// The follow-up chat side view: one thread per file, following the active editor. Replies stream
// to the webview in batched `chat/append` messages; the host keeps the whole state (turns, busy,
// notices) and can rebuild the view from it at any time (`ready`).
//
// Untrusted workspaces: the chat only ever sends the file the user has open in the editor (an
// explicit choice), and only if the content policy (src/policy) lets it go; nothing else from the workspace is read.
import * as vscode from 'vscode';
import {
  buildChatPrompt,
  ChatBusyError,
  ChatSessions,
  describeFileContext,
  gatherFileContext,
  TextBatcher,
  ThreadStore,
  type ChatFinding,
  type ChatPrompt,
  type ChatSendResult,
  type ChatSession,
  type StoredTurn,
} from '../../chat';
import { formatUsd, redact, retryNote } from '../../core';
import {
  parseChatMessage,
  type ChatHostMessage,
  type ChatTurnView,
  type ChatWebviewMessage,
} from '../../shared/protocol';
import { readSettings } from '../config';
import { connect, isSimulated } from '../connection';
import type { Services } from '../services';
import { renderWebviewHtml, webviewOptions } from '../webview/html';
import { openModelLink } from '../webview/openLink';
import { fileLabel, findingsFromDiagnostics, isChatDocument, toUri, workspaceRootFor } from './editorFiles';
import { policyInputs } from '../policy/policyInputs';
import { vscodeWorkspaceFs } from '../review/workspaceFsAdapter';
import { priceTable } from '../prices';

export const CHAT_VIEW_ID = 'claudeMultiAgent.chat';

/** At most about 30 `chat/append` messages a second. */
const APPEND_INTERVAL_MS = 33;

export interface ChatOptions {
  /** The latest review findings for a file; defaults to the review diagnostics VS Code shows. */
  findingsFor?: (uri: vscode.Uri) => readonly ChatFinding[] | undefined;
}

/** The argument of `claudeMultiAgent.askAboutFinding` (review/findingsDiagnostics.ts builds it). */
export interface FindingQuestion {
  /** A URI string (as the review sends it), a vscode.Uri, or an absolute or workspace-relative path. */
  file: string | vscode.Uri;
  startLine: number;
  endLine: number;
  title: string;
  explanation: string;
}

export function isFindingQuestion(value: unknown): value is FindingQuestion {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (typeof v['file'] === 'string' || v['file'] instanceof vscode.Uri) &&
    Number.isInteger(v['startLine']) &&
    Number.isInteger(v['endLine']) &&
    typeof v['title'] === 'string' &&
    typeof v['explanation'] === 'string'
  );
}

interface Target {
  uri: vscode.Uri;
  key: string;
  label: string;
}

/** How the editor's own chat (the `@experts` participant) follows a turn it asked in a file's thread. */
export interface AskHooks {
  signal?: AbortSignal;
  onText?: (chunk: string) => void;
  /** The turn ended; `note` says why it failed or stopped, or why nothing was sent. */
  onDone?: (status: 'completed' | 'interrupted' | 'failed', note?: string) => void;
}

interface Running {
  controller: AbortController;
  batcher: TextBatcher;
}

const toView = (t: StoredTurn): ChatTurnView => {
  const view: ChatTurnView = { role: t.role, text: t.text };
  if (t.status) view.status = t.status;
  if (t.note) view.note = t.note;
  return view;
};

const lines = (a: number, b: number): string => (a === b ? `line ${a}` : `lines ${a}–${b}`);

export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private viewDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly store: ThreadStore;
  private readonly sessions: ChatSessions;
  private current: Target | undefined;
  private lastEditor: vscode.TextEditor | undefined;
  /** A question to put into the composer once the view is ready (askInChat). */
  private pendingDraft: string | undefined;
  private readonly running = new Map<string, Running>();
  /** Why a file's text was kept back (which file, which rule), shown with its thread. */
  private readonly fileNotes = new Map<string, string>();
  /** A transient notice per file (a retry, a refusal), shown until the next turn ends. */
  private readonly transient = new Map<string, string>();
  private warnedAboutStorage = false;

  constructor(
    private readonly services: Services,
    private readonly options: ChatOptions = {},
  ) {
    this.store = new ThreadStore(services.context.workspaceState, {
      onProblem: (m) => this.storageProblem(m),
      secrets: () => services.keys.known(),
    });
    this.sessions = new ChatSessions(this.store);
    this.follow(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (this.lastEditor?.document === doc) this.lastEditor = undefined;
      }),
    );
  }

  // ── the view ───────────────────────────────────────────────────────────────────────────────────

  resolveWebviewView(view: vscode.WebviewView): void {
    for (const d of this.viewDisposables) d.dispose();
    this.view = view;
    const { extensionUri } = this.services.context;
    view.webview.options = webviewOptions(extensionUri);
    view.webview.html = renderWebviewHtml(view.webview, extensionUri, {
      script: 'chatMain',
      styles: ['base.css', 'chat.css'],
      title: 'Follow-up chat',
    });
    this.viewDisposables = [
      view.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseChatMessage(raw);
        if (!message) {
          this.services.logger.warn(
            `Ignored a message from the chat view that is not of the protocol (${describe(raw)}).`,
          );
          return;
        }
        this.handle(message).catch((err: unknown) =>
          this.services.logger.error(`Chat: ${this.clean(err instanceof Error ? err.message : String(err))}`),
        );
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.view = undefined;
        for (const d of this.viewDisposables) d.dispose();
        this.viewDisposables = [];
      }),
    ];
  }

  /** Shows the chat view (resolving it if needed). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
  }

  private post(message: ChatHostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private async handle(message: ChatWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.postThread();
        this.postDraft();
        return;
      case 'send':
        await this.ask(message.text, this.current);
        return;
      case 'stop':
        if (this.current) this.running.get(this.current.key)?.controller.abort();
        return;
      case 'newThread':
        await this.newThread();
        return;
      case 'insertCode':
        await this.insertCode(message.code);
        return;
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        return;
      case 'openLink':
        await openModelLink(message.href, (m) => this.services.logger.warn(`Chat: ${m}`));
        return;
    }
  }

  // ── following the editor ─────────────────────────────────────────────────────────────────────────

  private follow(editor: vscode.TextEditor | undefined): void {
    // Focus moving to a panel or to the chat itself leaves the thread as it is.
    if (!editor || !isChatDocument(editor.document)) return;
    this.lastEditor = editor;
    const key = editor.document.uri.toString();
    if (this.current?.key === key) return;
    this.current = { uri: editor.document.uri, key, label: fileLabel(editor.document) };
    this.postThread();
  }

  private session(target: Target): ChatSession {
    return this.sessions.get(target.key, target.label);
  }

  private noticeFor(target: Target, session: ChatSession): string | undefined {
    const parts = [this.transient.get(target.key), session.notice, this.fileNotes.get(target.key)].filter(
      (p): p is string => Boolean(p),
    );
    return parts.length ? parts.join(' ') : undefined;
  }

  /** The whole thread of the current file (replaces what the view shows). */
  private postThread(): void {
    if (!this.view) return;
    const target = this.current;
    if (!target) {
      this.post({
        type: 'chat/thread',
        threadKey: undefined,
        fileLabel: undefined,
        turns: [],
        notice: 'Open a file in the editor to ask about it.',
        simulated: isSimulated(),
      });
      this.post({ type: 'chat/busy', busy: false });
      return;
    }
    const session = this.session(target);
    // The snapshot holds every chunk so far: what was waiting to be appended must not be sent again.
    this.running.get(target.key)?.batcher.discard();
    const message: ChatHostMessage = {
      type: 'chat/thread',
      threadKey: target.key,
      fileLabel: target.label,
      turns: session.turns.map(toView),
      simulated: isSimulated(),
    };
    const notice = this.noticeFor(target, session);
    if (notice) message.notice = notice;
    this.post(message);
    this.post({ type: 'chat/busy', busy: session.busy });
  }

  private postNotice(target: Target, transient?: string): void {
    if (transient === undefined) this.transient.delete(target.key);
    else this.transient.set(target.key, transient);
    if (this.current?.key === target.key)
      this.post({ type: 'chat/notice', notice: this.noticeFor(target, this.session(target)) });
  }

  // ── asking ───────────────────────────────────────────────────────────────────────────────────

  /** Sends `text` in the thread of `target` and streams the reply into the view; resolves to the reply (undefined when nothing was sent). */
  async ask(text: string, target: Target | undefined, hooks: AskHooks = {}): Promise<ChatSendResult | undefined> {
    if (!target) {
      this.postThread(); // drops the question the view showed optimistically
      hooks.onDone?.('failed', 'Open a file in the editor to ask about it.');
      return;
    }
    const refuse = (notice: string): undefined => {
      this.postThread();
      this.postNotice(target, notice);
      hooks.onDone?.('failed', notice);
      return undefined;
    };
    const session = this.session(target);
    if (session.busy)
      return refuse('A reply is still streaming in this thread: stop it or wait for it before asking again.');
    const settings = readSettings();
    const client = await connect(this.services.keys, settings);
    if (!client)
      return refuse('No API key is set, so nothing was sent. Run "Claude Multi-Agent: Set Anthropic API key".');

    let prompt: ChatPrompt;
    try {
      const doc = await vscode.workspace.openTextDocument(target.uri);
      const root = workspaceRootFor(target.uri);
      const file = await gatherFileContext({
        path: target.label,
        text: doc.getText(),
        budgetTokens: settings.contextTokenBudget,
        exclude: settings.exclude,
        fs: vscodeWorkspaceFs,
        ...(target.uri.scheme === 'file' && { filePath: target.uri.fsPath }),
        ...(root !== undefined && { workspaceRoot: root, ...(await policyInputs(target.uri)) }),
      });
      const note = describeFileContext(file);
      if (note) this.fileNotes.set(target.key, note);
      else this.fileNotes.delete(target.key);
      const findings = (this.options.findingsFor ?? findingsFromDiagnostics)(target.uri) ?? [];
      // After a review of this very text on this model, the chat reads the review's cache entry.
      const reviewed = file.included ? this.services.reviewedCode?.find(file.path) : undefined;
      prompt = buildChatPrompt({ file, findings, model: settings.model, ...(reviewed && { reviewed }) });
    } catch (err) {
      return refuse(`Could not read ${target.label}: ${err instanceof Error ? err.message : String(err)}`);
    }

    const controller = new AbortController();
    if (hooks.signal?.aborted) controller.abort();
    hooks.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const batcher = new TextBatcher(
      (chunk) => {
        if (this.current?.key === target.key) this.post({ type: 'chat/append', text: chunk });
      },
      { intervalMs: APPEND_INTERVAL_MS },
    );
    this.running.set(target.key, { controller, batcher });
    this.transient.delete(target.key);
    try {
      const result = await session.send(text, {
        runtime: {
          client,
          model: settings.model,
          maxTokens: settings.maxTokens,
          maxHistoryTokens: settings['chat.maxHistoryTokens'],
          prices: priceTable(settings),
          logger: this.services.logger,
        },
        system: prompt.system,
        ...(prompt.sharedSystem && { sharedSystem: prompt.sharedSystem }),
        signal: controller.signal,
        onStart: () => {
          if (this.current?.key === target.key) this.postThread();
        },
        onText: (chunk) => {
          batcher.push(chunk);
          hooks.onText?.(chunk);
        },
        onRetry: (notice) => this.postNotice(target, this.clean(retryNote(notice))),
      });
      batcher.flush();
      hooks.onDone?.(result.status, result.note && this.clean(result.note));
      this.transient.delete(target.key);
      if (this.current?.key === target.key) {
        const done: ChatHostMessage = { type: 'chat/turnDone', status: result.status };
        if (result.note) done.note = this.clean(result.note);
        this.post(done);
        this.post({ type: 'chat/notice', notice: this.noticeFor(target, session) });
        this.post({ type: 'chat/busy', busy: false });
      }
      const usage = result.usage;
      this.services.logger.info(
        `Chat about ${target.label}: ${result.status}` +
          (usage
            ? `; ${usage.inputTokens} input, ${usage.cacheReadTokens} cache-read, ${usage.cacheWriteTokens} cache-write, ${usage.outputTokens} output tokens; ${formatUsd(result.cost?.usd)}`
            : '') +
          (result.note ? `; ${this.clean(result.note)}` : ''),
      );
      return result;
    } catch (err) {
      batcher.discard();
      const message =
        err instanceof ChatBusyError
          ? err.message
          : `The question could not be sent: ${err instanceof Error ? err.message : String(err)}`;
      return refuse(this.clean(message));
    } finally {
      batcher.dispose();
      if (this.running.get(target.key)?.controller === controller) this.running.delete(target.key);
    }
  }

  /** Removes key-shaped text (and the key itself) from anything shown or logged. */
  private clean(text: string): string {
    return redact(text, this.services.keys.known());
  }

  // ── commands ─────────────────────────────────────────────────────────────────────────────────

  /** Asks for confirmation, then forgets the current file's thread. */
  async newThread(): Promise<void> {
    const target = this.current;
    if (!target) {
      void vscode.window.showInformationMessage('Open a file first: the chat keeps one thread per file.');
      return;
    }
    const session = this.session(target);
    if (session.turns.length === 0 && !session.busy) return;
    const choice = await vscode.window.showWarningMessage(
      `Start a new thread for ${target.label}?`,
      { modal: true, detail: 'The current conversation about this file is deleted; the model starts without it.' },
      'New thread',
    );
    if (choice !== 'New thread') return;
    this.running.get(target.key)?.controller.abort();
    await session.clear();
    this.transient.delete(target.key);
    this.fileNotes.delete(target.key);
    if (this.current?.key === target.key) this.postThread();
  }

  /** Focuses the chat on the finding's file thread, with the finding quoted in the composer. */
  async askAboutFinding(arg: unknown): Promise<void> {
    if (!isFindingQuestion(arg)) {
      await this.reveal();
      return;
    }
    const uri = toUri(arg.file);
    if (!uri) {
      void vscode.window.showWarningMessage(`Cannot find the file of the finding "${arg.title.trim()}".`);
      return;
    }
    const quote = [
      `> **${arg.title.trim()}** (${lines(arg.startLine, arg.endLine)})`,
      ...arg.explanation
        .trim()
        .split('\n')
        .map((l) => `> ${l}`),
    ].join('\n');
    await this.askInChat(`${quote}\n\nWhy is this a problem here, and how should I fix it?`, uri);
  }

  /** Asks `text` in the thread of `uri` (the editor's `@experts` follow-ups), streaming through `hooks`. */
  async askInThread(text: string, uri: vscode.Uri, hooks: AskHooks): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(uri);
    await this.ask(text, { uri, key: uri.toString(), label: fileLabel(doc) }, hooks);
  }

  /**
   * Focuses the chat on the thread of `fileUri` (default: the current file) and puts `draft` into its
   * composer for the user to edit and send. No editor is opened: the thread is the file's, wherever it is shown.
   */
  async askInChat(draft: string, fileUri?: vscode.Uri): Promise<void> {
    if (fileUri && this.current?.key !== fileUri.toString()) {
      try {
        const doc = await vscode.workspace.openTextDocument(fileUri);
        if (!isChatDocument(doc)) throw new Error('it is not a file the chat can discuss');
        this.current = { uri: doc.uri, key: doc.uri.toString(), label: fileLabel(doc) };
        this.postThread();
      } catch (err) {
        void vscode.window.showWarningMessage(
          `Could not open ${fileUri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`,
        );
        return;
      }
    }
    if (!this.current) {
      void vscode.window.showInformationMessage('Open a file first: the chat keeps one thread per file.');
      return;
    }
    // A view that is not loaded yet takes the draft when it says it is ready.
    this.pendingDraft = draft;
    if (this.view) this.postDraft();
    await this.reveal();
  }

  /**
   * Sends `question` in the thread of `fileUri` (shown in the chat view too) and resolves to the
   * reply's text: a finding's comment thread shows it. Undefined when nothing could be sent.
   */
  async replyAbout(question: string, fileUri: vscode.Uri): Promise<string | undefined> {
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(fileUri);
      if (!isChatDocument(doc)) throw new Error('it is not a file the chat can discuss');
    } catch (err) {
      void vscode.window.showWarningMessage(
        `Could not open ${fileUri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
    const target: Target = { uri: doc.uri, key: doc.uri.toString(), label: fileLabel(doc) };
    this.current = target;
    this.postThread();
    const result = await this.ask(question, target);
    if (!result) return undefined;
    return result.note ? `${result.text}\n\n_${this.clean(result.note)}_` : result.text;
  }

  private postDraft(): void {
    if (this.pendingDraft === undefined) return;
    this.post({ type: 'chat/compose', text: this.pendingDraft });
    this.pendingDraft = undefined;
  }

  /** Inserts at the cursor of the last active text editor (replacing its selection, as paste does). */
  private async insertCode(code: string): Promise<void> {
    const editor =
      this.lastEditor && !this.lastEditor.document.isClosed
        ? this.lastEditor
        : vscode.window.visibleTextEditors.find((e) => isChatDocument(e.document));
    if (!editor) {
      void vscode.window.showInformationMessage('Open a file in the editor to insert the code into.');
      return;
    }
    const shown = await vscode.window.showTextDocument(editor.document, {
      viewColumn: editor.viewColumn ?? vscode.ViewColumn.Active,
      preserveFocus: false,
    });
    const selection = shown.selection;
    const ok = await shown.edit((edit) => edit.replace(selection, code));
    if (!ok)
      void vscode.window.showWarningMessage(
        `Could not insert the code into ${fileLabel(shown.document)} (is it read-only?).`,
      );
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
    for (const { controller, batcher } of this.running.values()) {
      controller.abort();
      batcher.dispose();
    }
    this.running.clear();
    void this.store.dispose();
    for (const d of [...this.viewDisposables, ...this.disposables]) d.dispose();
    this.viewDisposables = [];
  }
}

function describe(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string') {
    return `type ${JSON.stringify((raw as { type: string }).type.slice(0, 40))}`;
  }
  return typeof raw;
}
