// A stand-in for the `vscode` module, for the benchmarks and the unit tests of the editor shell: it lets
// the real extension bundle activate, a real ReviewPanel or DelegatePanel talk to a page that records
// what it receives, and the editor's review run end to end in plain Node while it records what the
// user would see: Problems (diagnostic collections), comment threads, panels and what they were posted,
// notifications, progress, output channels. Files are real (node:fs); documents are opened from disk
// and edited in memory through applyEdit, which fires onDidChangeTextDocument as the editor does. A
// test answers the extension's questions through `standIn` (notifications, quick picks, input boxes).
// Only what the extension touches is here; a missing API throws where it is used.
import { promises as fsp, statSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';

type Listener<T> = (value: T) => unknown;

export class Disposable {
  constructor(private readonly onDispose: () => void = () => {}) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<Listener<T>>();
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly query = '',
  ) {}
  static from(parts: { scheme: string; path?: string; query?: string }): Uri {
    return new Uri(parts.scheme, parts.path ?? '', parts.query ?? '');
  }
  static file(p: string): Uri {
    return new Uri('file', path.posix.normalize(p.split(path.sep).join('/')));
  }
  static parse(s: string): Uri {
    const m = /^([a-z][\w+.-]*):\/\/(.*)$/i.exec(s);
    if (!m) throw new Error(`Not a URI: ${s}`);
    return new Uri(m[1]!, decodeURIComponent(m[2]!));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, path.posix.join(base.path, ...parts));
  }
  get fsPath(): string {
    return this.path;
  }
  /** No authority is modelled: `authority` is accepted and ignored. */
  with(change: { scheme?: string; authority?: string; path?: string; query?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.path ?? this.path, change.query ?? this.query);
  }
  toString(): string {
    return `${this.scheme}://${encodeURI(this.path)}${this.query ? `?${this.query}` : ''}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
  get isEmpty(): boolean {
    return this.start.line === this.end.line && this.start.character === this.end.character;
  }
}

export class Selection extends Range {}

export class MarkdownString {
  isTrusted = false;
  supportHtml = false;
  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}
}

export class Diagnostic {
  source?: string;
  constructor(
    public range: Range,
    public message: string,
    public severity: number,
  ) {}
}

export class CodeAction {
  command?: unknown;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  constructor(
    public title: string,
    public kind?: unknown,
  ) {}
}

export class ThemeIcon {
  constructor(readonly id: string) {}
}
export class ThemeColor {
  constructor(readonly id: string) {}
}

export interface Replacement {
  uri: Uri;
  range?: Range;
  position?: Position;
  text: string;
  create?: boolean;
  /** A created file's contents. */
  contents?: Uint8Array;
  needsConfirmation?: boolean;
}

export class WorkspaceEdit {
  readonly replacements: Replacement[] = [];
  replace(uri: Uri, range: Range, text: string, metadata?: { needsConfirmation?: boolean }): void {
    this.replacements.push({ uri, range, text, needsConfirmation: metadata?.needsConfirmation === true });
  }
  insert(uri: Uri, position: Position, text: string, metadata?: { needsConfirmation?: boolean }): void {
    this.replacements.push({ uri, position, text, needsConfirmation: metadata?.needsConfirmation === true });
  }
  createFile(uri: Uri, options?: { contents?: Uint8Array }, metadata?: { needsConfirmation?: boolean }): void {
    this.replacements.push({
      uri,
      text: '',
      create: true,
      ...(options?.contents && { contents: options.contents }),
      needsConfirmation: metadata?.needsConfirmation === true,
    });
  }
}

/** A document opened from disk (or created untitled); edits go to memory, `save()` writes them. */
export class StandInDocument {
  isDirty = false;
  isClosed = false;
  readonly isUntitled: boolean;
  version = 1;
  constructor(
    readonly uri: Uri,
    private text: string,
    readonly languageId = 'plaintext',
  ) {
    this.isUntitled = uri.scheme === 'untitled';
  }
  get fileName(): string {
    return this.uri.fsPath;
  }
  private get lines(): string[] {
    return this.text.split('\n');
  }
  get lineCount(): number {
    return this.lines.length;
  }
  lineAt(line: number | Position): { text: string; lineNumber: number } {
    const n = typeof line === 'number' ? line : line.line;
    const text = this.lines[n];
    if (text === undefined) throw new Error(`Illegal value for line: ${n}`);
    return { text, lineNumber: n };
  }
  offsetAt(p: Position): number {
    const lines = this.lines;
    let offset = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) offset += lines[i]!.length + 1;
    return offset + Math.min(p.character, lines[p.line]?.length ?? 0);
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, Math.max(0, offset)).split('\n');
    return new Position(before.length - 1, before.at(-1)!.length);
  }
  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  /** Replaces a range and returns the change as VS Code reports it. */
  edit(range: Range, text: string): { range: Range; text: string } {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    const clamped = new Range(this.positionAt(start), this.positionAt(end));
    this.text = this.text.slice(0, start) + text + this.text.slice(end);
    this.isDirty = true;
    this.version++;
    return { range: clamped, text };
  }
  async save(): Promise<boolean> {
    await fsp.writeFile(this.uri.fsPath, this.text);
    this.isDirty = false;
    return true;
  }
}

export interface RecordedThread {
  uri: Uri;
  range: Range;
  comments: Array<{ body: MarkdownString | string; author: { name: string }; label?: string }>;
  canReply?: boolean;
  label?: string;
  contextValue?: string;
  collapsibleState?: number;
  disposed: boolean;
  dispose(): void;
}

export interface RecordedNotice {
  severity: 'info' | 'warning' | 'error';
  message: string;
  actions: string[];
}

export interface RecordedProgress {
  title: string;
  messages: string[];
  ended: boolean;
  cancel(): void;
}

export class TreeItem {
  resourceUri?: Uri;
  description?: string;
  tooltip?: unknown;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  constructor(
    readonly label: string,
    readonly collapsibleState = 0,
  ) {}
}

/** A tree view the extension created: its provider, and the message it shows above the tree. */
export interface RecordedTreeView {
  id: string;
  provider: { getChildren(element?: unknown): unknown; getTreeItem(element: unknown): unknown };
  message?: string;
  dispose(): void;
}

/** What the stand-in recorded, and how a test answers questions the extension asks. */
export const standIn = {
  settings: new Map<string, unknown>(),
  workspaceFolders: [] as Array<{ uri: Uri; name: string; index: number }>,
  documents: [] as StandInDocument[],
  diagnostics: new Map<string, Map<string, Diagnostic[]>>(),
  threads: [] as RecordedThread[],
  notices: [] as RecordedNotice[],
  progress: [] as RecordedProgress[],
  channels: new Map<string, string>(),
  commands: [] as Array<{ command: string; args: unknown[] }>,
  /** Pages say `ready` as soon as they are opened, as a loaded webview does (default: the test sends it). */
  pagesSayReady: false,
  /** Answers a notification's buttons (default: none chosen). */
  answerNotice: (_notice: RecordedNotice): string | undefined => undefined,
  /** Answers a quick pick with one of its items (default: none chosen). */
  answerQuickPick: (_items: readonly unknown[], _options: unknown): unknown => undefined,
  answerInputBox: (_options: unknown): string | undefined => undefined,
  /**
   * The refactor preview VS Code shows when an edit needs confirmation: returns the edits the user
   * ticked before pressing Apply, or undefined for Discard. Default: VS Code's, where edits needing
   * confirmation start unticked and the user presses Apply (nothing is applied; applyEdit says false).
   */
  answerRefactorPreview: (edits: readonly Replacement[]): readonly Replacement[] | undefined =>
    edits.filter((e) => !e.needsConfirmation),
  /** Times the refactor preview opened. */
  refactorPreviews: 0,
  /** Status bar items the extension created. */
  statusBarItems: [] as Array<{ text: string; tooltip: unknown; name?: string }>,
  onDidChangeTextDocument: new EventEmitter<unknown>(),
  treeViews: [] as RecordedTreeView[],
  /** Content providers by scheme (read-only documents the extension serves). */
  contentProviders: new Map<string, { provideTextDocumentContent(uri: Uri): unknown }>(),
  /** Problems as the user sees them: every collection's diagnostics for one file. */
  problemsOf(uri: Uri): Diagnostic[] {
    return [...this.diagnostics.values()].flatMap((c) => c.get(uri.toString()) ?? []);
  },
  /** Comment threads that are shown (not disposed) on one file. */
  threadsOf(uri: Uri): RecordedThread[] {
    return this.threads.filter((t) => !t.disposed && t.uri.toString() === uri.toString());
  },
  /** Edits an open (or opened) document as the user would, firing onDidChangeTextDocument. */
  async type(uri: Uri, range: Range, text: string): Promise<void> {
    const doc = await openTextDocument(uri);
    const change = doc.edit(range, text);
    this.onDidChangeTextDocument.fire({ document: doc, contentChanges: [change], reason: undefined });
  },
  reset(): void {
    this.settings.clear();
    this.workspaceFolders = [];
    this.documents = [];
    this.diagnostics.clear();
    this.threads = [];
    panels.length = 0;
    posted.length = 0;
    this.notices = [];
    this.progress = [];
    this.channels.clear();
    this.commands = [];
    this.pagesSayReady = false;
    this.answerNotice = () => undefined;
    this.answerQuickPick = () => undefined;
    this.answerInputBox = () => undefined;
    this.answerRefactorPreview = (edits) => edits.filter((e) => !e.needsConfirmation);
    this.refactorPreviews = 0;
    this.statusBarItems = [];
    this.treeViews = [];
    this.contentProviders.clear();
  },
};

async function openTextDocument(arg: Uri | string | { language?: string; content?: string }): Promise<StandInDocument> {
  if (arg instanceof Uri || typeof arg === 'string') {
    const uri = typeof arg === 'string' ? Uri.file(arg) : arg;
    const open = standIn.documents.find((d) => d.uri.toString() === uri.toString());
    if (open) return open;
    const doc = new StandInDocument(uri, await fsp.readFile(uri.fsPath, 'utf8'));
    standIn.documents.push(doc);
    return doc;
  }
  const doc = new StandInDocument(
    Uri.parse(`untitled://Untitled-${standIn.documents.length + 1}`),
    arg.content ?? '',
    arg.language,
  );
  standIn.documents.push(doc);
  return doc;
}

function notify(severity: RecordedNotice['severity']) {
  return (message: string, ...rest: unknown[]): Promise<string | undefined> => {
    const actions = rest.filter((r): r is string => typeof r === 'string');
    const notice = { severity, message, actions };
    standIn.notices.push(notice);
    return Promise.resolve(standIn.answerNotice(notice));
  };
}

const FILE = 1;
const DIRECTORY = 2;
const SYMLINK = 64;

const noop = () => undefined;
const disposable = new Disposable();

/** Every message posted to any page (the webview benchmark counts them). */
export const posted: unknown[] = [];

/** An event whose listeners can be fired by the test. */
function firable() {
  const listeners = new Set<(value: unknown) => void>();
  const on = (listener: (value: unknown) => void) => {
    listeners.add(listener);
    return { dispose: () => listeners.delete(listener) };
  };
  return { on, fire: (value?: unknown) => [...listeners].forEach((l) => l(value)), count: () => listeners.size };
}

/** A panel's page: records what the host posts; `fromPage` is the page posting to the host. */
export class FakeWebview {
  readonly cspSource = 'vscode-resource:';
  html = '';
  options: unknown = {};
  /** What this page received, in order. */
  readonly received: Array<{ type: string } & Record<string, unknown>> = [];
  private readonly messages = firable();
  readonly onDidReceiveMessage = this.messages.on;
  asWebviewUri = (u: Uri) => u;
  postMessage = (m: unknown) => {
    const copy = JSON.parse(JSON.stringify(m)) as { type: string } & Record<string, unknown>;
    this.received.push(copy);
    posted.push(copy);
    return Promise.resolve(true);
  };
  fromPage(message: unknown): void {
    this.messages.fire(message);
  }
  /** Listeners the host still holds. */
  get listeners(): number {
    return this.messages.count();
  }
}

/** A webview panel; `close()` is the user closing its tab. */
export class FakePanel {
  readonly webview = new FakeWebview();
  iconPath: unknown;
  active = false;
  private column = 2;
  /** Where the panel is; like VS Code's, a closed panel throws when asked. */
  get viewColumn(): number {
    if (this.closed) throw new Error('Webview is disposed');
    return this.column;
  }
  private readonly disposedEvent = firable();
  readonly onDidDispose = this.disposedEvent.on;
  readonly onDidChangeViewState = firable().on;
  constructor(public title: string) {}
  reveal = noop;
  dispose = () => this.close();
  private closed = false;
  get visible(): boolean {
    return !this.closed;
  }
  /** Whether the panel was closed (by the user or the extension). */
  get disposed(): boolean {
    return this.closed;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disposedEvent.fire();
  }
}

/** Every panel opened through the stand-in, newest last. */
export const panels: FakePanel[] = [];

function createWebviewPanel(_viewType: string, title: string): FakePanel {
  const panel = new FakePanel(title);
  panels.push(panel);
  if (standIn.pagesSayReady) queueMicrotask(() => panel.webview.fromPage({ type: 'ready' }));
  return panel;
}

function withProgress<R>(
  options: { title?: string },
  task: (
    progress: { report(v: { message?: string }): void },
    token: { isCancellationRequested: boolean; onCancellationRequested: EventEmitter<void>['event'] },
  ) => Thenable<R>,
): Promise<R> {
  const cancelled = new EventEmitter<void>();
  const token = { isCancellationRequested: false, onCancellationRequested: cancelled.event };
  const recorded: RecordedProgress = {
    title: options.title ?? '',
    messages: [],
    ended: false,
    cancel: () => {
      token.isCancellationRequested = true;
      cancelled.fire();
    },
  };
  standIn.progress.push(recorded);
  return Promise.resolve(task({ report: (v) => v.message && recorded.messages.push(v.message) }, token)).finally(
    () => (recorded.ended = true),
  );
}

function createDiagnosticCollection(name = ''): unknown {
  const mine = new Map<string, Diagnostic[]>();
  standIn.diagnostics.set(`${name}#${standIn.diagnostics.size}`, mine);
  return {
    name,
    set: (uri: Uri, diagnostics: Diagnostic[] | undefined) => {
      if (diagnostics?.length) mine.set(uri.toString(), [...diagnostics]);
      else mine.delete(uri.toString());
    },
    get: (uri: Uri) => mine.get(uri.toString()),
    delete: (uri: Uri) => mine.delete(uri.toString()),
    clear: () => mine.clear(),
    forEach: (f: (uri: Uri, d: Diagnostic[]) => void) => mine.forEach((d, u) => f(Uri.parse(u), d)),
    dispose: () => mine.clear(),
  };
}

function createCommentController(): unknown {
  return {
    options: {},
    createCommentThread: (uri: Uri, range: Range, comments: RecordedThread['comments']) => {
      const thread: RecordedThread = {
        uri,
        range,
        comments,
        disposed: false,
        dispose: () => void (thread.disposed = true),
      };
      standIn.threads.push(thread);
      return thread;
    },
    dispose: noop,
  };
}

function createOutputChannel(name: string): unknown {
  const write = (text: string) => standIn.channels.set(name, (standIn.channels.get(name) ?? '') + text);
  return {
    name,
    append: write,
    appendLine: (t: string) => write(`${t}\n`),
    info: (t: string) => write(`[info] ${t}\n`),
    warn: (t: string) => write(`[warn] ${t}\n`),
    error: (t: string) => write(`[error] ${t}\n`),
    debug: noop,
    trace: noop,
    show: noop,
    clear: () => standIn.channels.set(name, ''),
    dispose: noop,
  };
}

function folderOf(uri: Uri) {
  return standIn.workspaceFolders.find((f) => uri.path === f.uri.path || uri.path.startsWith(`${f.uri.path}/`));
}

export const fakeVscode = {
  Uri,
  Disposable,
  EventEmitter,
  Position,
  Range,
  Selection,
  MarkdownString,
  Diagnostic,
  CodeAction,
  WorkspaceEdit,
  ThemeIcon,
  ThemeColor,
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  CodeActionKind: { QuickFix: { value: 'quickfix' } },
  CommentMode: { Editing: 0, Preview: 1 },
  CommentThreadCollapsibleState: { Collapsed: 0, Expanded: 1 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  FileType: { Unknown: 0, File: FILE, Directory: DIRECTORY, SymbolicLink: SYMLINK },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  window: {
    createWebviewPanel,
    withProgress,
    createOutputChannel,
    createStatusBarItem: () => {
      const item = { text: '', tooltip: undefined as unknown, show: noop, hide: noop, dispose: noop };
      standIn.statusBarItems.push(item);
      return item;
    },
    showInformationMessage: notify('info'),
    showWarningMessage: notify('warning'),
    showErrorMessage: notify('error'),
    showQuickPick: (items: readonly unknown[] | Thenable<readonly unknown[]>, options?: unknown) =>
      Promise.resolve(items).then((list) => standIn.answerQuickPick(list, options)),
    showInputBox: (options?: unknown) => Promise.resolve(standIn.answerInputBox(options)),
    showTextDocument: (doc: StandInDocument) =>
      Promise.resolve({ document: doc, selection: new Selection(0, 0, 0, 0) }),
    activeTextEditor: undefined,
    visibleTextEditors: [],
    tabGroups: { all: [] },
    registerWebviewViewProvider: () => disposable,
    createTreeView: (id: string, options: { treeDataProvider: RecordedTreeView['provider'] }) => {
      const view: RecordedTreeView = { id, provider: options.treeDataProvider, dispose: noop };
      standIn.treeViews.push(view);
      return view;
    },
    registerWebviewPanelSerializer: () => disposable,
    onDidChangeActiveTextEditor: new EventEmitter<unknown>().event,
  },
  workspace: {
    get workspaceFolders() {
      return standIn.workspaceFolders.length ? standIn.workspaceFolders : undefined;
    },
    get textDocuments() {
      return standIn.documents;
    },
    isTrusted: true,
    getWorkspaceFolder: folderOf,
    asRelativePath: (u: Uri | string) => {
      const uri = typeof u === 'string' ? Uri.file(u) : u;
      const folder = folderOf(uri);
      return folder ? path.posix.relative(folder.uri.path, uri.path) : uri.path;
    },
    getConfiguration: (section?: string) => {
      const full = (key: string) => (section ? `${section}.${key}` : key);
      return {
        get: <T>(key: string, fallback?: T) =>
          standIn.settings.has(full(key)) ? standIn.settings.get(full(key)) : fallback,
        inspect: (key: string) =>
          standIn.settings.has(full(key))
            ? { key: full(key), globalValue: standIn.settings.get(full(key)) }
            : undefined,
        has: (key: string) => standIn.settings.has(full(key)),
        update: (key: string, value: unknown) => {
          standIn.settings.set(full(key), value);
          return Promise.resolve();
        },
      };
    },
    fs: {
      readFile: async (uri: Uri) => new Uint8Array(await fsp.readFile(uri.fsPath)),
      stat: async (uri: Uri) => {
        const s = await fsp.lstat(uri.fsPath);
        const type = s.isSymbolicLink()
          ? SYMLINK | (statSync(uri.fsPath, { throwIfNoEntry: false })?.isDirectory() ? DIRECTORY : FILE)
          : s.isDirectory()
            ? DIRECTORY
            : FILE;
        return { type, size: s.size, ctime: s.ctimeMs, mtime: s.mtimeMs };
      },
      readDirectory: async (uri: Uri) =>
        (await fsp.readdir(uri.fsPath, { withFileTypes: true })).map(
          (e) => [e.name, e.isSymbolicLink() ? SYMLINK : e.isDirectory() ? DIRECTORY : FILE] as [string, number],
        ),
      writeFile: (uri: Uri, data: Uint8Array) => fsp.writeFile(uri.fsPath, data),
    },
    findFiles: () => Promise.resolve([]),
    registerTextDocumentContentProvider: (
      scheme: string,
      provider: { provideTextDocumentContent(uri: Uri): unknown },
    ) => {
      standIn.contentProviders.set(scheme, provider);
      return new Disposable(() => standIn.contentProviders.delete(scheme));
    },
    openTextDocument,
    applyEdit: async (edit: WorkspaceEdit) => {
      let edits: readonly Replacement[] = edit.replacements;
      if (edits.some((r) => r.needsConfirmation)) {
        standIn.refactorPreviews++;
        const ticked = standIn.answerRefactorPreview(edits);
        // VS Code applies what was ticked; with nothing ticked (or Discard) it made no edits: false.
        if (!ticked?.length) return false;
        edits = ticked;
      }
      for (const r of edits) {
        if (r.create) {
          if (r.contents) await fsp.writeFile(r.uri.fsPath, r.contents, { flag: 'wx' });
          else await fsp.writeFile(r.uri.fsPath, '', { flag: 'a' });
          continue;
        }
        await standIn.type(r.uri, r.range ?? new Range(r.position!, r.position!), r.text);
      }
      return true;
    },
    onDidChangeTextDocument: standIn.onDidChangeTextDocument.event,
    onDidChangeConfiguration: new EventEmitter<unknown>().event,
    onDidCloseTextDocument: new EventEmitter<unknown>().event,
    onDidSaveTextDocument: new EventEmitter<unknown>().event,
  },
  languages: {
    createDiagnosticCollection,
    getDiagnostics: (uri: Uri) => standIn.problemsOf(uri),
    registerCodeActionsProvider: () => disposable,
  },
  comments: { createCommentController },
  commands: {
    registerCommand: () => disposable,
    executeCommand: (command: string, ...args: unknown[]) => {
      standIn.commands.push({ command, args });
      return Promise.resolve(undefined);
    },
  },
  env: { clipboard: { writeText: () => Promise.resolve() }, openExternal: () => Promise.resolve(true) },
  chat: { createChatParticipant: () => ({ dispose: noop }) },
  lm: {
    registerTool: () => disposable,
    registerLanguageModelChatProvider: () => disposable,
    selectChatModels: () => Promise.resolve([]),
    invokeTool: () => Promise.resolve({ content: [] }),
  },
  LanguageModelTextPart: class {
    constructor(readonly value: string) {}
  },
};

let installed = false;

/** Makes `require('vscode')` return the stand-in (import extension modules after this, dynamically). */
export function installFakeVscode(): void {
  if (installed) return;
  installed = true;
  const m = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = m._resolveFilename;
  m._resolveFilename = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return 'vscode';
    return original.call(this, request, ...rest);
  };
  require.cache['vscode'] = {
    id: 'vscode',
    filename: 'vscode',
    loaded: true,
    exports: fakeVscode,
  } as unknown as NodeJS.Module;
}

export function fakeContext() {
  const store = new Map<string, unknown>();
  const memento = {
    get: (k: string, d?: unknown) => (store.has(k) ? store.get(k) : d),
    update: (k: string, v: unknown) => (store.set(k, v), Promise.resolve()),
    keys: () => [...store.keys()],
  };
  return {
    subscriptions: [] as Array<{ dispose(): void }>,
    extensionUri: Uri.file('/ext'),
    // The walkthrough's commands are keyed by the extension's id (publisher.name).
    extension: { id: 'claude-multi-agent.claude-multi-agent', extensionUri: Uri.file('/ext') },
    secrets: {
      get: () => Promise.resolve(undefined),
      store: () => Promise.resolve(),
      delete: () => Promise.resolve(),
      onDidChange: () => disposable,
    },
    workspaceState: memento,
    globalState: memento,
  };
}
