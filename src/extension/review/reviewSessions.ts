// The open reviews of this window: one session per review, one panel per target (a new review of the
// same code takes over the panel of the last one, unless that one still runs), and what every review
// shares: the warm-cache registry and one concurrency limit. Panels show findings through the
// workspace's OpenFindings, so a dismissal, restore or applied fix shows in every panel at once.
import { createLimiter, WarmPrefixes, type LimitFunction } from '../../core';
import type { FindingStates, ReviewSnapshot } from './reviewSnapshot';
import { ReviewSession, type PanelView, type SessionHost } from './reviewSession';
import type { Subscription } from './changeEvent';

/** A review panel as the registry handles it (ReviewPanel is one). */
export interface SessionPanel extends PanelView {
  readonly column: number | undefined;
  readonly active: boolean;
  findingStates: FindingStates | undefined;
  /** Shows another review of the same target. */
  load(snapshot: ReviewSnapshot): void;
  /** How many experts could still be added to the finished review it shows ("Add expert…" only when some). */
  showExpertsLeft(count: number): void;
  dispose(): void;
}

export interface RegistryHost extends Omit<SessionHost, 'openPanel'> {
  /**
   * A new panel for a review; `onDispose` runs when the user closes it. `restored` is a panel the
   * editor brought back after a reload (opaque here), shown again instead of opening another.
   */
  createPanel(
    snapshot: ReviewSnapshot,
    column: number | undefined,
    onDispose: () => void,
    restored?: object,
  ): SessionPanel;
}

/** Finished reviews that keep their gathered code to take more experts; the newest few only. */
const KEPT_FOR_MORE = 5;

export class ReviewSessions {
  /** Shared by every review of this window: the cache is shared on the API's side too. */
  readonly warmPrefixes = new WarmPrefixes();
  private readonly sessions: ReviewSession[] = [];
  private readonly panels = new Map<ReviewSession, SessionPanel>();
  private limiter: LimitFunction | undefined;
  private readonly subscription: Subscription;

  constructor(private readonly host: RegistryHost) {
    this.subscription = host.findings.onDidChange((change) => {
      if (change.states) for (const panel of this.panels.values()) if (panel.visible) panel.showFindings();
    });
  }

  /** A new review of `title` in the folder `root` (a URI string); it has an id once planned. */
  create(root: string, title: string): ReviewSession {
    const session: ReviewSession = new ReviewSession(
      { ...this.host, openPanel: (s) => this.panelFor(session, s) },
      root,
      title,
    );
    this.sessions.push(session);
    return session;
  }

  /**
   * A stored review shown again; the open session when it is still there. `restored`: the panel the
   * editor brought back after a reload, which shows it.
   */
  show(snapshot: ReviewSnapshot, restored?: object): ReviewSession {
    let session = this.get(snapshot.reviewId);
    if (!session) {
      session = ReviewSession.archived({ ...this.host, openPanel: (s) => this.panelFor(session!, s) }, snapshot);
      this.sessions.push(session);
    }
    const panel = this.panels.get(session);
    if (panel?.visible) panel.reveal();
    else session.panel = this.panelFor(session, session.snapshot!, restored);
    return session;
  }

  get(reviewId: string): ReviewSession | undefined {
    return this.sessions.find((s) => s.reviewId === reviewId);
  }

  /** The session a panel shows (panel messages name no review). */
  ofPanel(panel: object): ReviewSession | undefined {
    return [...this.panels].find(([, p]) => p === panel)?.[0];
  }

  /** Sessions with a visible panel, oldest first. */
  withPanels(): ReviewSession[] {
    return [...this.panels].filter(([, p]) => p.visible).map(([s]) => s);
  }

  panelOf(session: ReviewSession): SessionPanel | undefined {
    return this.panels.get(session);
  }

  running(): ReviewSession[] {
    return this.sessions.filter((s) => s.running);
  }

  /**
   * A run ended. Only the newest few finished reviews keep their gathered code for more experts; a
   * review that runs nowhere, shows nowhere and can take no more experts is let go.
   */
  settled(): void {
    const withMore = this.sessions.filter((s) => s.more && !s.running);
    for (const old of withMore.slice(0, Math.max(0, withMore.length - KEPT_FOR_MORE))) old.more = undefined;
    const kept = this.sessions.filter((s) => s.running || this.panels.has(s) || s.more);
    this.sessions.splice(0, this.sessions.length, ...kept);
  }

  /** One limit for every review running at once: maxConcurrency is never exceeded, however many are queued. */
  sharedLimiter(concurrency: number): LimitFunction {
    this.limiter ??= createLimiter(concurrency);
    this.limiter.concurrency = concurrency;
    return this.limiter;
  }

  cancelAll(): void {
    for (const s of this.sessions) s.cancel();
  }

  dispose(): void {
    this.cancelAll();
    this.subscription.dispose();
    for (const panel of [...this.panels.values()]) panel.dispose();
  }

  private panelFor(session: ReviewSession, snapshot: ReviewSnapshot, restored?: object): SessionPanel {
    const same = [...this.panels].find(
      ([other, p]) =>
        other !== session &&
        p.visible &&
        !other.running &&
        p.snapshot.title === snapshot.title &&
        p.snapshot.rootUri === snapshot.rootUri,
    );
    if (same && !restored) {
      const [other, panel] = same;
      this.panels.delete(other);
      other.panel = undefined;
      this.panels.set(session, panel);
      panel.load(snapshot);
      panel.reveal();
      return panel;
    }
    // Beside the newest open panel (a closed one has no column: VS Code throws on a disposed panel).
    const column = [...this.panels.values()].filter((p) => p.visible).at(-1)?.column;
    const panel: SessionPanel = this.host.createPanel(
      snapshot,
      column,
      () => {
        // Whichever review the panel shows when it closes (it may have taken it over since).
        const owner = [...this.panels].find(([, p]) => p === panel)?.[0];
        if (!owner) return;
        this.panels.delete(owner);
        owner.panel = undefined;
      },
      restored,
    );
    panel.findingStates = this.host.findings;
    this.panels.set(session, panel);
    return panel;
  }
}
