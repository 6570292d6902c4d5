// Everything the review panel shows, in a form that survives setState/getState.
import type {
  CostView,
  ExclusionCountsView,
  ExclusionView,
  FindingView,
  ReReviewCounts,
  ReviewHostMessage,
  RulesView,
} from '../../shared/protocol';
import type { RunOutcome } from '../lib/runStatus';
import type { SectionState } from '../lib/sectionState';

type InitMessage = Extract<ReviewHostMessage, { type: 'review/init' }>;

export interface ReviewState {
  version: 2;
  reviewId: string;
  title: string;
  targets: string[];
  excluded: ExclusionView[];
  excludedCounts?: ExclusionCountsView;
  simulated: boolean;
  provider?: string;
  startedAt: string;
  kind?: 'sweep';
  sections: SectionState[];
  findings?: { findings: FindingView[]; dropped: number; dismissed?: FindingView[]; reReview?: ReReviewCounts };
  /** The project's rules files the experts read (see rulesList.ts). */
  rules?: RulesView;
  cost?: CostView;
  done?: RunOutcome;
}

export function reviewStateFromInit(init: InitMessage): ReviewState {
  return {
    version: 2,
    reviewId: init.reviewId,
    title: init.title,
    targets: init.targets,
    excluded: init.excluded,
    ...(init.excludedCounts && { excludedCounts: init.excludedCounts }),
    simulated: init.simulated,
    ...(init.provider && { provider: init.provider }),
    startedAt: init.startedAt,
    ...(init.kind && { kind: init.kind }),
    sections: init.sections.map((s) => ({ id: s.id, title: s.title, status: 'queued', text: '' })),
  };
}

/** Saved state from an older build of this page is ignored rather than half-rendered (version 2: section text is the raw answer). */
export function isReviewState(value: unknown): value is ReviewState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ReviewState>;
  return (
    v.version === 2 &&
    typeof v.reviewId === 'string' &&
    typeof v.title === 'string' &&
    Array.isArray(v.sections) &&
    Array.isArray(v.targets) &&
    Array.isArray(v.excluded)
  );
}
