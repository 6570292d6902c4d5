// The one host side of a webview (the review and delegation panels, the chat view): it sets the page,
// checks every message the page sends against the protocol, knows whether the page is there to receive
// (it said `ready`, and has not been torn down since), and rebuilds it from its owner's state on every
// `ready`. Only types from `vscode`, so it runs in plain Node under test (openWebviewHost sets it up).
//
// Ready/replay: a message posted while the page cannot receive it is not sent (VS Code would drop it, or
// deliver it to a page that is about to start over); the page's `ready` calls the owner's `replay`, which
// posts everything the page shows from the owner's state, in order. So whatever was posted before `ready`
// reaches the page exactly once, through the replay, and nothing after it is lost or repeated.
import type * as vscode from 'vscode';

/** What the host needs of a `vscode.Webview`. */
export type HostedWebview = Pick<vscode.Webview, 'html' | 'options' | 'postMessage' | 'onDidReceiveMessage'>;

/** A webview view without retained context: VS Code tears its page down while it is hidden. */
export interface TornDownWhenHidden {
  readonly visible: boolean;
  readonly onDidChangeVisibility: vscode.Event<void>;
}

export interface WebviewHostOptions<WebviewMessage extends { type: string }> {
  webview: HostedWebview;
  /** The document (renderWebviewHtml) and, for a view, its options (webviewOptions); set once, here. */
  content: { html: string; options?: vscode.WebviewOptions };
  /** The protocol's validator: anything it rejects never reaches `onMessage`. */
  parse: (value: unknown) => WebviewMessage | undefined;
  /** Every valid message except `ready`; a promise that rejects is reported to `onError`. */
  onMessage: (message: Exclude<WebviewMessage, { type: 'ready' }>) => void | Promise<void>;
  /** Posts everything the page shows, from the owner's state: on every `ready` (first load, reload). */
  replay: () => void;
  /** The panel or view closed: the host has let go of its listeners; the owner lets go of the rest. */
  onDidDispose?: { event: vscode.Event<void>; then?: () => void };
  tornDownWhenHidden?: TornDownWhenHidden;
  /** A message the protocol does not know (described by its type only: the page renders model output). */
  onInvalid?: (description: string) => void;
  onError?: (error: unknown) => void;
}

export class WebviewHost<HostMessage, WebviewMessage extends { type: string }> {
  private readonly webview: HostedWebview;
  private readonly disposables: vscode.Disposable[] = [];
  private live = false;
  private disposed = false;
  /** Messages sent to the page (the benchmark and tests read this). */
  posted = 0;

  constructor(private readonly options: WebviewHostOptions<WebviewMessage>) {
    this.webview = options.webview;
    if (options.content.options) this.webview.options = options.content.options;
    this.webview.html = options.content.html;
    this.disposables.push(this.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    const hidden = options.tornDownWhenHidden;
    if (hidden)
      this.disposables.push(
        hidden.onDidChangeVisibility(() => {
          // Shown again, the page loads anew and says `ready`; until then nothing can reach it.
          if (!hidden.visible) this.live = false;
        }),
      );
    const closed = options.onDidDispose;
    if (closed)
      this.disposables.push(
        closed.event(() => {
          this.dispose();
          closed.then?.();
        }),
      );
  }

  /** Whether a message posted now reaches the page. */
  get isLive(): boolean {
    return this.live && !this.disposed;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Sends `message` if the page can receive it; returns whether it did. Otherwise (not ready yet,
   * torn down, disposed) it is dropped: the next `ready` replays the owner's state instead.
   */
  post(message: HostMessage): boolean {
    if (!this.isLive) return false;
    this.posted++;
    // VS Code resolves false for a page that went away meanwhile: the replay on its next `ready` covers it.
    Promise.resolve(this.webview.postMessage(message)).catch(() => undefined);
    return true;
  }

  private receive(raw: unknown): void {
    if (this.disposed) return;
    const message = this.options.parse(raw);
    if (!message) {
      this.options.onInvalid?.(describeMessage(raw));
      return;
    }
    if (message.type === 'ready') {
      this.live = true;
      this.options.replay();
      return;
    }
    try {
      const handled = this.options.onMessage(message as Exclude<WebviewMessage, { type: 'ready' }>);
      if (handled) handled.catch((err: unknown) => this.options.onError?.(err));
    } catch (err) {
      this.options.onError?.(err);
    }
  }

  /** Stops listening and sending. The owner disposes its panel (a view is VS Code's to dispose). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.live = false;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** A rejected message in a few words for a log: its type (clipped), never its content. */
export function describeMessage(raw: unknown): string {
  if (typeof raw === 'object' && raw !== null && typeof (raw as { type?: unknown }).type === 'string')
    return `type ${JSON.stringify((raw as { type: string }).type.slice(0, 40))}`;
  return Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw;
}
