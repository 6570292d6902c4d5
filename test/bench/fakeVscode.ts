// A minimal stand-in for the `vscode` module: it lets the real extension bundle activate, and a real
// ReviewPanel or DelegatePanel talk to a page that records what it receives, in plain Node. The
// benchmarks use it, and the unit tests of the panels (which drive the page's side: `ready`, clicks).
import Module from 'node:module';

const noop = () => undefined;
const disposable = { dispose: noop };
/** An event no one fires: subscribing returns a disposable. */
const event = () => disposable;

class Disposable {
  constructor(private readonly onDispose: () => void) {}
  static from(...items: Array<{ dispose(): unknown }>) {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose() {
    this.onDispose();
  }
}

class EventEmitter {
  event = event;
  fire = noop;
  dispose = noop;
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class ThemeIcon {
  constructor(readonly id: string) {}
}

class Uri {
  constructor(readonly fsPath: string) {}
  static file(p: string) {
    return new Uri(p);
  }
  static joinPath(base: Uri, ...parts: string[]) {
    return new Uri([base.fsPath, ...parts].join('/'));
  }
  static parse(s: string) {
    return new Uri(s);
  }
  toString() {
    return `file://${this.fsPath}`;
  }
}

/** Every message posted to any page (the webview benchmark counts them). */
export const posted: unknown[] = [];

type Listener = (value: unknown) => void;

/** An event whose listeners can be fired by the test. */
function firable() {
  const listeners = new Set<Listener>();
  const on = (listener: Listener) => {
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
  readonly received: unknown[] = [];
  private readonly messages = firable();
  readonly onDidReceiveMessage = this.messages.on;
  asWebviewUri = (u: Uri) => u;
  postMessage = (m: unknown) => {
    const copy: unknown = JSON.parse(JSON.stringify(m));
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
  viewColumn = 2;
  private readonly disposed = firable();
  readonly onDidDispose = this.disposed.on;
  constructor(public title: string) {}
  reveal = noop;
  dispose = () => this.close();
  private closed = false;
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.disposed.fire();
  }
}

/** Every panel opened through the stand-in, newest last. */
export const panels: FakePanel[] = [];

const channel = {
  append: noop,
  appendLine: noop,
  info: noop,
  warn: noop,
  error: noop,
  debug: noop,
  trace: noop,
  show: noop,
  dispose: noop,
};

export const fakeVscode = {
  Uri,
  Disposable,
  EventEmitter,
  ThemeColor,
  ThemeIcon,
  ViewColumn: { One: 1, Beside: -2 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  CodeActionKind: { QuickFix: { value: 'quickfix' } },
  ProgressLocation: { Notification: 15 },
  FileType: { File: 1, Directory: 2, SymbolicLink: 64 },
  ConfigurationTarget: { Global: 1, Workspace: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  window: {
    createOutputChannel: () => channel,
    createWebviewPanel: (_viewType: string, title: string) => {
      const panel = new FakePanel(title);
      panels.push(panel);
      return panel;
    },
    createStatusBarItem: () => ({ show: noop, hide: noop, dispose: noop }),
    registerWebviewViewProvider: () => disposable,
    showInformationMessage: () => Promise.resolve(undefined),
    showWarningMessage: () => Promise.resolve(undefined),
    showErrorMessage: () => Promise.resolve(undefined),
    onDidChangeActiveTextEditor: event,
    visibleTextEditors: [],
    activeTextEditor: undefined,
  },
  env: { openExternal: () => Promise.resolve(true), clipboard: { writeText: () => Promise.resolve() } },
  commands: { registerCommand: () => disposable, executeCommand: () => Promise.resolve() },
  workspace: {
    getConfiguration: () => ({ get: (_k: string, d: unknown) => d, inspect: () => undefined }),
    isTrusted: true,
    workspaceFolders: undefined,
    textDocuments: [],
    onDidChangeConfiguration: event,
    onDidCloseTextDocument: event,
    onDidChangeTextDocument: event,
  },
  comments: { createCommentController: () => ({ createCommentThread: () => ({ dispose: noop }), dispose: noop }) },
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
  languages: {
    createDiagnosticCollection: () => ({ set: noop, clear: noop, dispose: noop }),
    registerCodeActionsProvider: () => disposable,
  },
};

/** Makes `require('vscode')` return the stand-in. */
export function installFakeVscode(): void {
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
