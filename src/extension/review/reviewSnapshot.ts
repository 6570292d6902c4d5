import type {
  CostView,
  ExclusionCountsView,
  ExclusionView,
  FindingView,
  LaneCostView,
  ReviewHostMessage,
  RulesView,
  RunStatus,
  SectionInfo,
} from '../../shared/protocol';
import type { Finding, HiddenFinding, RulesSummary, SuppressedByRule } from '../../review';

export interface SectionState {
  status: RunStatus;
  /** What the model sent, as received (JSON for experts); rendered for display. */
  raw: string;
  note?: string;
  startedAt?: number;
  elapsedMs?: number;
  /** The lane's latest tokens, cost and cache status in this run (a new run starts without). */
  cost?: LaneCostView;
}

/** Everything a review panel shows; persisted so a review can be reopened after a reload. */
export interface ReviewSnapshot {
  reviewId: string;
  title: string;
  rootUri: string;
  targets: string[];
  reviewedFiles: string[];
  sections: SectionInfo[];
  /** The first few left-out items (all of them in reviews saved before counts were kept). */
  excluded: ExclusionView[];
  /** How many were left out and why; the full list went to the log when the review ran. */
  excludedCounts?: ExclusionCountsView;
  simulated: boolean;
  /** The provider's label when requests do not go straight to the Anthropic API. */
  provider?: string;
  startedAt: string;
  /** A workspace sweep shown as a review: the panel says "Sweep complete", and its experts are not retried alone. */
  kind?: 'sweep';
  state: Record<string, SectionState>;
  /** What the review showed when it finished (the user may have dismissed some since: see FindingStates). */
  findings: Finding[];
  /** Findings kept out of the list, Problems and exports, with why (dismissed, outside the changed lines …): counted, shown on demand. */
  hidden?: HiddenFinding[];
  /** Reviews stored before findings had one owner: ids of applied fixes (now OpenFindings' state). */
  resolved?: string[];
  /** Reviews stored before findings had one owner: dismissed findings (now the dismissals' state). */
  dismissed?: Finding[];
  /** A re-review of the same target: shown findings still open from last time, and last time's that are gone (fixed). */
  reReview?: { open: string[]; gone: Finding[] };
  dropped: number;
  /** The project's rules files the experts read (absent in reviews saved before rules were read). */
  rules?: RulesView;
  cost?: CostView;
  /** The estimate before the run ("≈ $0.03–0.09"), shown beside the cost once it has finished. */
  estimate?: string;
  done?: { status: 'completed' | 'cancelled' | 'failed'; message?: string };
  /**
   * While the run streams: each finished expert's findings as it raised them, before the synthesis has
   * judged them. Shown in the panel only (never Problems or threads); the run's record replaces them.
   */
  provisional?: Finding[];
  /** Set while the review still reads the workspace (a panel opened at once, before the plan): how far it got. */
  gathering?: string;
  /** The synthesis failed or was cancelled (or the run ended without a record): the findings shown were not merged by it. */
  unmerged?: boolean;
}

/** What a panel shows the moment a review is asked for, before its code is gathered and its experts chosen. */
export function gatheringSnapshot(
  rootUri: string,
  title: string,
  startedAt = new Date().toISOString(),
): ReviewSnapshot {
  return {
    reviewId: `gathering:${rootUri}:${title}`,
    title: `Review: ${title}`,
    rootUri,
    targets: [],
    reviewedFiles: [],
    sections: [],
    excluded: [],
    simulated: false,
    startedAt,
    state: {},
    findings: [],
    dropped: 0,
    gathering: 'Gathering files…',
  };
}

/** What the workspace says of a finding now (OpenFindings): the panels show it, they keep no copy. */
export interface FindingStates {
  isDismissed(findingId: string): boolean;
  isFixed(findingId: string): boolean;
}

const NO_STATES: FindingStates = { isDismissed: () => false, isFixed: () => false };

/**
 * A review's findings as the workspace's state has them now: shown, hidden (not dismissed), dismissed.
 * Reviews stored before findings had one owner keep their own `dismissed` list (reopening one moves it
 * under `hidden`, where the workspace's state decides: reviewArchive.ts).
 */
export function presentFindings(
  s: Pick<ReviewSnapshot, 'findings' | 'hidden' | 'dismissed'>,
  states: FindingStates = NO_STATES,
): { shown: Finding[]; hidden: HiddenFinding[]; dismissed: Finding[] } {
  const candidates = [...s.findings, ...(s.hidden ?? []).filter((h) => h.reason === 'dismissed').map((h) => h.finding)];
  return {
    shown: candidates.filter((f) => !states.isDismissed(f.id)),
    hidden: (s.hidden ?? []).filter((h) => h.reason !== 'dismissed' && !states.isDismissed(h.finding.id)),
    dismissed: [...(s.dismissed ?? []), ...candidates.filter((f) => states.isDismissed(f.id))],
  };
}

const toFindingView = (
  f: Finding,
  resolved: readonly string[] = [],
  reReview?: ReviewSnapshot['reReview'],
): FindingView => ({
  id: f.id,
  file: f.file,
  startLine: f.startLine,
  endLine: f.endLine,
  severity: f.severity,
  title: f.title,
  explanation: f.explanation,
  experts: f.experts,
  hasFix: Boolean(f.suggestedFix),
  ...(resolved.includes(f.id) && { resolved: true }),
  ...(f.confidence !== undefined && { confidence: f.confidence }),
  ...(f.agreement !== undefined && { agreement: f.agreement }),
  ...(f.verification && { verification: f.verification }),
  ...(f.evidence !== undefined && { evidence: f.evidence }),
  ...(f.evidenceCheck?.verdict === 'unsupported' && { evidenceProblem: f.evidenceCheck.reason }),
  ...(reReview && { reviewState: reReview.open.includes(f.id) ? 'open' : 'new' }),
});

/** Ids of the review's findings whose fix was applied (the workspace's state, and old reviews' own list). */
const fixedIds = (s: Pick<ReviewSnapshot, 'findings' | 'hidden' | 'resolved'>, states: FindingStates): string[] => [
  ...(s.resolved ?? []),
  ...[...s.findings, ...(s.hidden ?? []).map((h) => h.finding)].map((f) => f.id).filter((id) => states.isFixed(id)),
];

/** What the panel lists: the shown findings (new or still open in a re-review), then the hidden ones marked with their reason. */
const findingViews = (
  s: Pick<ReviewSnapshot, 'findings' | 'hidden' | 'resolved' | 'reReview' | 'dismissed'>,
  states: FindingStates = NO_STATES,
): FindingView[] => {
  const { shown, hidden } = presentFindings(s, states);
  const fixed = fixedIds(s, states);
  return [
    ...shown.map((f) => toFindingView(f, fixed, s.reReview)),
    ...hidden.map((h) => ({ ...toFindingView(h.finding, fixed), hiddenBecause: h.reason })),
  ];
};

/** The experts' findings before the synthesis: marked, and without a fix to apply (they are not open findings yet). */
const provisionalViews = (s: Pick<ReviewSnapshot, 'provisional' | 'unmerged'>): FindingView[] =>
  (s.provisional ?? []).map((f) => ({
    ...toFindingView(f),
    hasFix: false,
    provisional: s.unmerged ? ('unmerged' as const) : ('pending' as const),
  }));

/** The panel's findings message: shown and hidden findings, the dismissed ones, the re-review counts. */
export function findingsMessage(
  s: ReviewSnapshot,
  states: FindingStates = NO_STATES,
): Extract<ReviewHostMessage, { type: 'review/findings' }> {
  if (s.provisional) return { type: 'review/findings', findings: provisionalViews(s), dropped: 0 };
  const findings = findingViews(s, states).map((f) =>
    s.unmerged && !f.hiddenBecause ? { ...f, provisional: 'unmerged' as const } : f,
  );
  const shown = findings.filter((f) => !f.hiddenBecause);
  const { dismissed } = presentFindings(s, states);
  return {
    type: 'review/findings',
    findings,
    dropped: s.dropped,
    ...(dismissed.length && {
      dismissed: dismissed.map((f) => ({ ...toFindingView(f), hiddenBecause: 'dismissed' as const })),
    }),
    ...(s.reReview && {
      reReview: {
        new: shown.filter((f) => f.reviewState === 'new').length,
        open: shown.filter((f) => f.reviewState === 'open').length,
        fixed: s.reReview.gone.length,
      },
    }),
  };
}

/** The panel's view of the rules: each file with the findings it suppressed. */
export function toRulesView(rules: RulesSummary, suppressed: readonly SuppressedByRule[]): RulesView {
  const files = rules.files.map((f) => ({
    path: f.path,
    tokens: f.tokens,
    suppressed: suppressed.find((s) => s.file === f.path)?.count ?? 0,
  }));
  const suppressedElsewhere = suppressed
    .filter((s) => !files.some((f) => f.path === s.file))
    .reduce((n, s) => n + s.count, 0);
  return {
    files,
    leftOut: rules.leftOut.map((l) => ({ path: l.path, detail: l.detail })),
    suppressedElsewhere,
    ...(rules.untrusted && { untrusted: true }),
    ...(rules.readAt && { readAt: rules.readAt }),
    ...(rules.changed?.length && { changed: [...rules.changed] }),
  };
}

/** Loose structural check of stored data: corrupt entries are set aside, not trusted. */
export function isReviewSnapshot(value: unknown): value is ReviewSnapshot {
  const v = value as Partial<ReviewSnapshot> | undefined;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.reviewId === 'string' &&
    typeof v.title === 'string' &&
    typeof v.rootUri === 'string' &&
    Array.isArray(v.targets) &&
    Array.isArray(v.sections) &&
    Array.isArray(v.findings) &&
    typeof v.state === 'object' &&
    v.state !== null
  );
}
