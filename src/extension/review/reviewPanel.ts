import * as vscode from 'vscode';
import {
  parseReviewMessage,
  SYNTHESIS_SECTION,
  type LaneCostView,
  type ReviewHostMessage,
  type ReviewWebviewMessage,
  type RunStatus,
  type SectionInfo,
} from '../../shared/protocol';
import { openPanel } from '../webview/openWebview';
import type { WebviewHost } from '../webview/webviewHost';
import { findingsMessage, type FindingStates, type ReviewSnapshot } from './reviewSnapshot';
import { REVIEW_VIEW_TYPE } from './reviewCommands';
import { ReviewStream } from './reviewStream';

export type ReviewPanelHandler = (message: ReviewWebviewMessage, panel: ReviewPanel) => void;

/**
 * The review webview. Keeps the snapshot it shows, so the webview can be rebuilt from it at any time
 * (on `ready`, after a reload); streamed text is posted as appended deltas, batched (see ReviewStream).
 */
export class ReviewPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly host: WebviewHost<ReviewHostMessage, ReviewWebviewMessage>;
  private stream: ReviewStream;
  private disposed = false;
  /** Dismissals and applied fixes as the workspace has them now (the review's findings are shown through them). */
  findingStates: FindingStates | undefined;
  /** Experts that could still be added to the review shown (unknown: none offered). */
  private expertsLeft: number | undefined;

  constructor(
    extensionUri: vscode.Uri,
    private current: ReviewSnapshot,
    onMessage: ReviewPanelHandler,
    private readonly onDispose: () => void,
    column: vscode.ViewColumn = vscode.ViewColumn.Beside,
    restored?: vscode.WebviewPanel,
  ) {
    this.stream = this.streamFor(current);
    ({ panel: this.panel, host: this.host } = openPanel<ReviewHostMessage, ReviewWebviewMessage>(extensionUri, {
      viewType: REVIEW_VIEW_TYPE,
      ...(restored && { restored }),
      page: { script: 'reviewMain', styles: ['base.css', 'review.css'], title: current.title },
      column,
      parse: parseReviewMessage,
      onMessage: (message) => onMessage(message, this),
      replay: () => this.replay(),
      onClosed: () => this.dispose(),
    }));
  }

  /** Messages posted to the webview (the benchmark reads this). */
  get messagesPosted(): number {
    return this.host.posted;
  }

  get snapshot(): ReviewSnapshot {
    return this.current;
  }

  /**
   * Shows another review of the same target in this panel (one panel per target); the earlier
   * review stays in the history ("Reopen a recent review…").
   */
  load(snapshot: ReviewSnapshot): void {
    this.expertsLeft = undefined;
    this.stream.dispose();
    this.current = snapshot;
    this.stream = this.streamFor(snapshot);
    this.panel.title = snapshot.title;
    this.replay();
  }

  private streamFor(snapshot: ReviewSnapshot): ReviewStream {
    return new ReviewStream(snapshot, (updates) => this.post({ type: 'review/update', updates }));
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
    this.stream.setStatus(id, status, note);
  }

  append(id: string, chunk: string): void {
    this.stream.append(id, chunk);
  }

  restartSection(id: string): void {
    this.stream.restart(id);
  }

  /**
   * Experts run again or added after the review finished: new lanes go before the synthesis, and the
   * webview is rebuilt from the snapshot so its header says the review runs again.
   */
  runAgain(added: readonly SectionInfo[]): void {
    const s = this.current;
    const synthesisAt = s.sections.findIndex((x) => x.id === SYNTHESIS_SECTION);
    const fresh = added.filter((a) => !s.sections.some((x) => x.id === a.id));
    s.sections =
      synthesisAt < 0
        ? [...s.sections, ...fresh]
        : [...s.sections.slice(0, synthesisAt), ...fresh, ...s.sections.slice(synthesisAt)];
    delete s.done;
    this.replay();
  }

  /** Whether the user is looking at this panel (the palette command acts on it). */
  get active(): boolean {
    return !this.disposed && this.panel.active;
  }

  /** An expert's live tokens, cost and cache status; the snapshot keeps the latest per lane for a (re)loaded webview. */
  showLaneCost(lane: LaneCostView): void {
    this.stream.cost(lane);
  }

  showFindings(): void {
    this.flush();
    this.post(findingsMessage(this.snapshot, this.findingStates));
  }

  showRules(): void {
    if (this.snapshot.rules) this.post({ type: 'review/rules', rules: this.snapshot.rules });
  }

  showCost(): void {
    if (this.snapshot.cost) this.post({ type: 'review/cost', cost: this.snapshot.cost });
  }

  showDone(): void {
    this.flush();
    if (this.snapshot.done) this.post({ type: 'review/done', ...this.snapshot.done });
  }

  showExpertsLeft(count: number): void {
    this.expertsLeft = count;
    this.post({ type: 'review/expertsLeft', count });
  }

  /** While the review gathers its code: the snapshot's progress line (the panel opened before the plan). */
  showGathering(): void {
    const { title, gathering } = this.snapshot;
    if (gathering !== undefined) this.post({ type: 'review/gathering', title, message: gathering });
  }

  /** Posts every pending section update now. */
  flush(): void {
    this.stream.flush();
  }

  /** Rebuilds the webview from the snapshot (on its `ready`, or when this panel shows another review). */
  private replay(): void {
    const s = this.snapshot;
    if (s.gathering !== undefined) return this.showGathering();
    this.stream.flush(); // keeps the order: nothing pending may arrive after the replay's full text
    this.post({
      type: 'review/init',
      reviewId: s.reviewId,
      title: s.title,
      targets: s.targets,
      sections: s.sections,
      excluded: s.excluded,
      ...(s.excludedCounts && { excludedCounts: s.excludedCounts }),
      simulated: s.simulated,
      ...(s.provider && { provider: s.provider }),
      startedAt: s.startedAt,
      ...(s.kind && { kind: s.kind }),
    });
    this.post({ type: 'review/update', updates: this.stream.replayUpdates() });
    for (const { id } of s.sections) {
      const lane = s.state[id]?.cost;
      if (lane) this.post({ type: 'review/laneCost', lane });
    }
    if (s.findings.length || s.hidden?.length || s.done) this.post(findingsMessage(s, this.findingStates));
    this.showRules();
    this.showCost();
    if (s.done) this.post({ type: 'review/done', ...s.done });
    if (s.done && this.expertsLeft !== undefined) this.post({ type: 'review/expertsLeft', count: this.expertsLeft });
  }

  private post(message: ReviewHostMessage): void {
    this.host.post(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stream.dispose();
    this.onDispose();
    this.host.dispose();
    this.panel.dispose();
  }
}
