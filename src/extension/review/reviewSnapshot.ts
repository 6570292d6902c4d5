import type {
  CostView,
  ExclusionCountsView,
  ExclusionView,
  FindingView,
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
  state: Record<string, SectionState>;
  findings: Finding[];
  /** Findings kept out of the list, Problems and exports, with why (outside the changed lines …): counted, shown on demand. */
  hidden?: HiddenFinding[];
  /** Ids of findings whose suggested fix was applied: shown as fixed, no longer in Problems. */
  resolved?: string[];
  /** Findings of this review the user dismissed (now or earlier in this workspace): listed, restorable. */
  dismissed?: Finding[];
  /** A re-review of the same target: shown findings still open from last time, and last time's that are gone (fixed). */
  reReview?: { open: string[]; gone: Finding[] };
  dropped: number;
  /** The project's rules files the experts read (absent in reviews saved before rules were read). */
  rules?: RulesView;
  cost?: CostView;
  done?: { status: 'completed' | 'cancelled' | 'failed'; message?: string };
}

export const toFindingView = (
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
  ...(reReview && { reviewState: reReview.open.includes(f.id) ? 'open' : 'new' }),
});

/** What the panel lists: the shown findings (new or still open in a re-review), then the hidden ones marked with their reason. */
export const findingViews = (
  s: Pick<ReviewSnapshot, 'findings' | 'hidden' | 'resolved' | 'reReview'>,
): FindingView[] => [
  ...s.findings.map((f) => toFindingView(f, s.resolved, s.reReview)),
  ...(s.hidden ?? []).map((h) => ({ ...toFindingView(h.finding, s.resolved), hiddenBecause: h.reason })),
];

/** The panel's findings message: shown and hidden findings, the dismissed ones, the re-review counts. */
export function findingsMessage(s: ReviewSnapshot): Extract<ReviewHostMessage, { type: 'review/findings' }> {
  const findings = findingViews(s);
  const shown = findings.filter((f) => !f.hiddenBecause);
  return {
    type: 'review/findings',
    findings,
    dropped: s.dropped,
    ...(s.dismissed?.length && {
      dismissed: s.dismissed.map((f) => ({ ...toFindingView(f), hiddenBecause: 'dismissed' as const })),
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
