import * as vscode from 'vscode';
import { estimateTokens } from '../../core';
import { renderDraft } from '../../review/liveRender';
import { parseReviewMessage, type ReviewHostMessage, type ReviewWebviewMessage, type RunStatus, type SectionUpdate } from '../../shared/protocol';
import { renderWebviewHtml, webviewOptions } from '../webview/html';
import { toFindingView, type ReviewSnapshot } from './reviewSnapshot';

/** At most this many update messages per second reach the webview, however many streams run. */
const FLUSH_INTERVAL_MS = 50;
const TERMINAL: ReadonlySet<RunStatus> = new Set(['done', 'failed', 'cancelled']);

export type ReviewPanelHandler = (message: ReviewWebviewMessage, panel: ReviewPanel) => void;

/**
 * The review webview. Keeps the snapshot it shows, so the webview can be rebuilt from it at any time
 * (on `ready`, after a reload); streamed text is rendered and posted at most once per interval.
 */
export class ReviewPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** Messages posted to the webview (the benchmark reads this). */
  messagesPosted = 0;

  constructor(
    extensionUri: vscode.Uri,
    readonly snapshot: ReviewSnapshot,
    onMessage: ReviewPanelHandler,
    private readonly onDispose: () => void,
    column: vscode.ViewColumn = vscode.ViewColumn.Beside,
  ) {
    this.panel = vscode.window.createWebviewPanel('claudeMultiAgent.review', snapshot.title, { viewColumn: column, preserveFocus: true }, {
      ...webviewOptions(extensionUri),
      retainContextWhenHidden: true,
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
    this.panel.webview.html = renderWebviewHtml(this.panel.webview, extensionUri, { script: 'reviewMain', styles: ['base.css', 'review.css'], title: snapshot.title });
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseReviewMessage(raw);
        if (!message) return; // not of the protocol: ignored
        if (message.type === 'ready') this.replay();
        else onMessage(message, this);
      }),
      this.panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Where the panel is, so the next review opens in the same group instead of a new one. */
  get column(): vscode.ViewColumn | undefined {
    return this.panel.viewColumn;
  }

  get visible(): boolean {
    return !this.disposed;
  }

  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  setStatus(id: string, status: RunStatus, note?: string): void {
    const s = this.section(id);
    if (status === 'streaming' && s.startedAt === undefined) s.startedAt = Date.now();
    if (TERMINAL.has(status) && s.startedAt !== undefined) s.elapsedMs = Date.now() - s.startedAt;
    s.status = status;
    if (note !== undefined) s.note = note;
    this.markDirty(id);
  }

  append(id: string, chunk: string): void {
    const s = this.section(id);
    s.raw += chunk;
    this.markDirty(id);
  }

  showFindings(): void {
    this.flush();
    this.post({ type: 'review/findings', findings: this.snapshot.findings.map(toFindingView), dropped: this.snapshot.dropped });
  }

  showCost(): void {
    if (this.snapshot.cost) this.post({ type: 'review/cost', cost: this.snapshot.cost });
  }

  showDone(): void {
    this.flush();
    this.stopTimer();
    if (this.snapshot.done) this.post({ type: 'review/done', ...this.snapshot.done });
  }

  private section(id: string) {
    return (this.snapshot.state[id] ??= { status: 'queued', raw: '' });
  }

  private markDirty(id: string): void {
    this.dirty.add(id);
    this.timer ??= setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  private updateFor(id: string): SectionUpdate {
    const s = this.section(id);
    const update: SectionUpdate = { id, status: s.status, text: renderDraft(s.raw), outputTokens: estimateTokens(s.raw) };
    const elapsed = s.elapsedMs ?? (s.startedAt !== undefined ? Date.now() - s.startedAt : undefined);
    if (elapsed !== undefined) update.elapsedMs = elapsed;
    if (s.note !== undefined) update.note = s.note;
    return update;
  }

  /** Posts every changed section in one message. */
  flush(): void {
    if (!this.dirty.size) {
      if (!Object.values(this.snapshot.state).some((s) => s.status === 'streaming')) this.stopTimer();
      return;
    }
    const updates = [...this.dirty].map((id) => this.updateFor(id));
    this.dirty.clear();
    this.post({ type: 'review/update', updates });
  }

  /** Rebuilds the webview from the snapshot (its first load, or a reopened review). */
  private replay(): void {
    const s = this.snapshot;
    this.post({ type: 'review/init', reviewId: s.reviewId, title: s.title, targets: s.targets, sections: s.sections, excluded: s.excluded, ...(s.excludedCounts && { excludedCounts: s.excludedCounts }), simulated: s.simulated, startedAt: s.startedAt });
    this.post({ type: 'review/update', updates: s.sections.map((sec) => this.updateFor(sec.id)) });
    if (s.findings.length || s.done) this.post({ type: 'review/findings', findings: s.findings.map(toFindingView), dropped: s.dropped });
    this.showCost();
    if (s.done) this.post({ type: 'review/done', ...s.done });
  }

  private post(message: ReviewHostMessage): void {
    if (this.disposed) return;
    this.messagesPosted++;
    void this.panel.webview.postMessage(message);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopTimer();
    this.onDispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
