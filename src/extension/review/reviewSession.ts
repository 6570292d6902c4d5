// One review in the editor, across its runs (the first, then experts retried or added): its snapshot,
// panel, progress, output channels, cancel and per-expert stops. The pipeline's events go through
// `apply`, written once for every kind of run; what it shows goes through SessionHost, so the session
// runs in plain Node tests with stand-ins. Findings go to the workspace's OpenFindings, never to a
// view directly: Problems and threads are views of that model.
import type { Logger } from '../../core';
import {
  ExpertControls,
  formatPriceRange,
  gatherProgressMessage,
  expertOfLane,
  expertsOfLanes,
  isExpertLane,
  type ExpertProblem,
  type Finding,
  type FinishedReview,
  type GatherProgress,
  type ReviewEvent,
  type ReviewOutcome,
  type ReviewPlan,
  type ReviewRecord,
  type ReviewSection,
  type RunStatus,
} from '../../review';
import type { CostView, LaneCostView } from '../../shared/protocol';
import { costLine, toCostView } from '../costView';
import { toLaneCostView } from './laneCostView';
import type { OpenFindings } from './openFindings';
import { gatheringSnapshot, toRulesView, type ReviewSnapshot } from './reviewSnapshot';

/** What a session needs of its review panel (ReviewPanel is one). */
export interface PanelView {
  readonly snapshot: ReviewSnapshot;
  readonly visible: boolean;
  setStatus(id: string, status: RunStatus, note?: string): void;
  append(id: string, chunk: string): void;
  showLaneCost(lane: LaneCostView): void;
  restartSection(id: string): void;
  runAgain(added: readonly ReviewSection[]): void;
  showFindings(): void;
  showRules(): void;
  showCost(): void;
  showDone(): void;
  reveal(): void;
  /** Shows another snapshot: the planned review in the panel that showed it gathering. */
  load(snapshot: ReviewSnapshot): void;
  /** While gathering: how far it got (the snapshot's `gathering`). */
  showGathering(): void;
  dispose(): void;
}

export interface ProgressView {
  status(name: string, status: RunStatus, note: string | undefined, isExpert: boolean): void;
  close(): void;
}

export interface GatheringView {
  update(progress: GatherProgress): void;
  close(): void;
}

export interface ChannelView {
  append(text: string): void;
  appendLine(text: string): void;
}

/** Where a session shows things: the editor's notifications, panels, channels and status bar, or stand-ins. */
export interface SessionHost {
  /** The panel of a planned review: the last one of the same target when it is free, else a new one. */
  openPanel(snapshot: ReviewSnapshot): PanelView;
  gathering(title: string, abort: AbortController): GatheringView;
  progress(title: string, experts: number, abort: AbortController): ProgressView;
  /** The output channel of an expert, by name. */
  channel(name: string): ChannelView;
  statusBar: {
    /** `today`: today's spend on reviews with this run's cost so far. */
    showRunning(usd: number, savedUsd: number, today: number): void;
    show(cost: CostView, running: boolean, spentToday?: number): void;
  };
  spentToday(): number;
  history: { save(snapshot: ReviewSnapshot, now?: boolean): Promise<void> };
  findings: OpenFindings;
  notices: { capReached(message: string): void; expertProblems(problems: readonly ExpertProblem[]): void };
  /** Removes known keys from text that came back from the API. */
  redact(text: string): string;
  logger: Logger;
  simulated: boolean;
  /** The provider's label when requests do not go straight to the Anthropic API (named in the panel). */
  provider?: string;
}

interface Run {
  abort: AbortController;
  controls: ExpertControls;
  gathering?: GatheringView;
  progress?: ProgressView;
  /** The experts of this run (their channels get the summary at the end). */
  experts: Set<string>;
}

const TERMINAL: readonly RunStatus[] = ['done', 'failed', 'cancelled'];

export class ReviewSession {
  snapshot: ReviewSnapshot | undefined;
  panel: PanelView | undefined;
  /** The finished review, which can take more experts over its cached code (retry, add). */
  more: FinishedReview | undefined;
  private run: Run | undefined;
  /** What the review had cost when its last run finished: added experts' totals go on from it, and today's spend holds it already. */
  private finishedUsd = 0;
  /** A run's record has replaced the provisional findings: later runs' experts wait for theirs. */
  private judged = false;
  /** Expert ids to names, over every run of this review. */
  private readonly names = new Map<string, string>();

  constructor(
    private readonly host: SessionHost,
    /** The workspace folder's URI string. */
    readonly root: string,
    /** What was picked, in words ("src/app.ts"). */
    readonly title: string,
  ) {}

  /** A stored review shown again ("Reopen a recent review…"): no run, only its snapshot. */
  static archived(host: SessionHost, snapshot: ReviewSnapshot): ReviewSession {
    const session = new ReviewSession(host, snapshot.rootUri, snapshot.title);
    session.snapshot = snapshot;
    return session;
  }

  get reviewId(): string | undefined {
    return this.snapshot?.reviewId;
  }

  get running(): boolean {
    return this.run !== undefined;
  }

  /** Starts a run: its cancel and per-expert stops, which the pipeline input takes. */
  begin(abort: AbortController): ExpertControls {
    const controls = new ExpertControls();
    this.run = { abort, controls, experts: new Set() };
    if (!this.snapshot) {
      this.run.gathering = this.host.gathering(`Preparing review of ${this.title}`, abort);
      // The panel opens at once and says it is gathering: reading a big workspace takes seconds.
      this.panel = this.host.openPanel(gatheringSnapshot(this.root, this.title));
    }
    return controls;
  }

  /** The run ended (finished, stopped or failed): its notifications close. */
  end(): void {
    // Ended without a record (it threw): the experts' findings stay in the panel, marked as not merged.
    if (this.run && this.snapshot?.provisional && !this.snapshot.unmerged) {
      this.snapshot.unmerged = true;
      this.panel?.showFindings();
    }
    this.run?.gathering?.close();
    this.run?.progress?.close();
    // Stopped before the plan (nothing to review, a refused cost): the panel that showed it gathering goes.
    if (this.run && !this.snapshot && this.panel) {
      this.panel.dispose();
      this.panel = undefined;
    }
    this.run = undefined;
  }

  /** Cancel: every request of the running run stops; what arrived is kept. */
  cancel(): void {
    this.run?.abort.abort();
  }

  /** Stops one expert of the running run; false when it is not running. */
  stopExpert(sectionId: string): boolean {
    const expert = expertOfLane(sectionId);
    return expert !== undefined && (this.run?.controls.stop(expert) ?? false);
  }

  /** One pipeline event, from the first run or a later one. */
  apply(event: ReviewEvent): void {
    const run = this.run;
    switch (event.type) {
      case 'expertProblems':
        return this.host.notices.expertProblems(event.problems);
      case 'gathering':
        run?.gathering?.update(event.progress);
        if (!this.snapshot && this.panel?.snapshot.gathering !== undefined) {
          this.panel.snapshot.gathering = gatherProgressMessage(event.progress);
          this.panel.showGathering();
        }
        return;
      case 'planned':
        run?.gathering?.close();
        return this.planned(event.plan);
      case 'moreExperts':
        return this.moreExperts(event.sections, event.added);
      case 'status':
        return this.status(event.sectionId, event.status, event.note);
      case 'expertFindings':
        return this.provisional(event.findings);
      case 'text':
        this.panel?.append(event.sectionId, event.text);
        this.channelOf(event.sectionId)?.append(event.text);
        return;
      case 'cost':
        this.panel?.showLaneCost(toLaneCostView(event));
        // Today's spend takes a run's cost when it ends: until then, add what this run has cost so far.
        this.host.statusBar.showRunning(
          event.total.usd,
          event.total.savedUsd,
          this.host.spentToday() + Math.max(0, event.total.usd - this.finishedUsd),
        );
        return;
      case 'capReached':
        return this.host.notices.capReached(event.message);
      case 'finished':
        run?.progress?.close();
        return this.finish(event.record, event.outcome);
    }
  }

  /**
   * An expert's findings as it finished, before the synthesis judged them: the panel shows them marked
   * provisional; Problems and threads wait for the record. Experts retried on a finished review add
   * nothing here: the review's judged findings stay shown until their run's record.
   */
  private provisional(findings: readonly Finding[]): void {
    const s = this.snapshot;
    if (!s || findings.length === 0 || this.judged) return;
    s.provisional = [...(s.provisional ?? []), ...findings];
    this.panel?.showFindings();
  }

  private planned(plan: ReviewPlan): void {
    const snapshot: ReviewSnapshot = {
      reviewId: plan.reviewId,
      title: plan.title,
      rootUri: this.root,
      targets: plan.targets,
      reviewedFiles: plan.reviewedFiles,
      sections: plan.sections,
      excluded: plan.leftOut.shown.map((e) => ({ path: e.path, reason: e.reason, detail: e.detail })),
      excludedCounts: { total: plan.leftOut.total, byReason: plan.leftOut.byReason },
      simulated: this.host.simulated,
      ...(this.host.provider && { provider: this.host.provider }),
      startedAt: plan.startedAt,
      ...(plan.kind && { kind: plan.kind }),
      state: {},
      findings: [],
      dropped: 0,
      rules: toRulesView(plan.rules, []),
      ...(plan.estimate.lowUsd !== undefined &&
        plan.estimate.highUsd !== undefined && {
          estimate: formatPriceRange(plan.estimate.lowUsd, plan.estimate.highUsd),
        }),
    };
    this.snapshot = snapshot;
    if (this.panel?.visible) this.panel.load(snapshot);
    else this.panel = this.host.openPanel(snapshot);
    this.startExperts(plan.experts.map((e) => ({ id: e.id, title: e.name })));
    // Every expert lane counts: extra passes and other context groups are experts' work too.
    const lanes = plan.sections.filter((s) => isExpertLane(s.id)).length;
    if (this.run) this.run.progress = this.host.progress(`Multi-expert review of ${this.title}`, lanes, this.run.abort);
  }

  /** Experts retried or added, once the caps let them start: their lanes, channels and notification. */
  private moreExperts(sections: readonly ReviewSection[], added: readonly ReviewSection[]): void {
    // The estimate was of the first run: beside a total with more experts in it, it would mislead.
    if (this.snapshot) delete this.snapshot.estimate;
    this.panel?.runAgain(added);
    for (const section of sections) this.panel?.restartSection(section.id);
    // One channel per expert, as the first run opens; the progress counts every lane (groups, passes).
    const experts = expertsOfLanes(sections);
    this.startExperts(experts);
    if (!this.run || !this.snapshot) return;
    const who = experts.length === 1 ? experts[0]!.title : `${experts.length} more experts`;
    const lanes = sections.filter((s) => isExpertLane(s.id)).length;
    this.run.progress = this.host.progress(`${who} on ${this.snapshot.title}`, lanes, this.run.abort);
  }

  private startExperts(experts: readonly ReviewSection[]): void {
    const heading = `\n── ${this.snapshot?.title ?? this.title} · ${new Date().toLocaleString()} ──`;
    for (const e of experts) {
      this.names.set(e.id, e.title);
      this.run?.experts.add(e.id);
      this.host.channel(e.title).appendLine(heading);
    }
  }

  private status(sectionId: string, status: RunStatus, rawNote: string | undefined): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const note = rawNote && this.host.redact(rawNote);
    this.panel?.setStatus(sectionId, status, note);
    const isExpert = this.names.has(sectionId) || isExpertLane(sectionId);
    const name = this.names.get(sectionId) ?? snapshot.sections.find((s) => s.id === sectionId)?.title ?? sectionId;
    this.run?.progress?.status(name, status, note, isExpert);
    if (TERMINAL.includes(status)) this.channelOf(sectionId)?.appendLine(`\n[${status}${note ? `: ${note}` : ''}]`);
    void this.host.history.save(snapshot);
  }

  private channelOf(sectionId: string): ChannelView | undefined {
    const name = this.names.get(sectionId);
    return name === undefined ? undefined : this.host.channel(name);
  }

  /** The run's record: into the snapshot, the panel, the open findings, the status bar, the channels and history. */
  private finish(record: ReviewRecord, outcome: ReviewOutcome): void {
    const s = this.snapshot;
    if (!s) return;
    s.findings = record.findings;
    // The record replaces the experts' provisional findings; without a synthesis that judged them they are marked as not merged.
    delete s.provisional;
    this.judged = true;
    const judged = outcome.synthesis.status !== 'failed' && outcome.synthesis.status !== 'cancelled';
    if (judged || record.findings.length === 0) delete s.unmerged;
    else s.unmerged = true;
    if (record.hidden?.length) s.hidden = record.hidden;
    else delete s.hidden;
    // Dismissals and applied fixes are the open findings' state now, not copies in the snapshot.
    delete s.dismissed;
    delete s.resolved;
    if (record.gone) s.reReview = { open: record.open ?? [], gone: record.gone };
    else delete s.reReview;
    s.dropped = record.dropped;
    s.cost = { ...toCostView(record.usage, record.cost), ...(s.estimate && { estimate: s.estimate }) };
    s.rules = toRulesView(record.rules, record.suppressedByRules);
    const message = record.message && this.host.redact(record.message);
    s.done = message ? { status: record.status, message } : { status: record.status };
    this.panel?.showFindings();
    this.panel?.showRules();
    this.panel?.showCost();
    this.panel?.showDone();
    this.host.findings.applyReview({
      reviewId: s.reviewId,
      root: s.rootUri,
      reviewedFiles: s.reviewedFiles,
      findings: record.findings,
      ...(record.gone && { gone: record.gone }),
    });
    this.finishedUsd = record.cost.usd ?? 0;
    this.host.statusBar.show(s.cost, false, this.host.spentToday());
    for (const run of outcome.experts) {
      if (!this.run?.experts.has(run.expert.id)) continue;
      const channel = this.host.channel(run.expert.name);
      channel.appendLine(
        `\n${run.result.findings.length} finding(s)${run.result.summary ? `: ${run.result.summary}` : ''}`,
      );
      for (const f of run.result.findings)
        channel.appendLine(`  ${f.severity.toUpperCase()} ${f.file}:${f.startLine} ${f.title}`);
    }
    this.host.logger.info(`${s.title}: ${record.status}; ${s.findings.length} findings; ${costLine(s.cost)}`);
    void this.host.history.save(s, true);
  }
}
