// What a review is about (its plan) and what it found (its record): plain data a shell shows,
// stores and exports.
import type { CostReport, Usage } from '../../core';
import { summariseLeftOut, type ExcludedFile, type GatheredContext, type LeftOutSummary } from '../context';
import type { ExpertDefinition } from '../experts';
import {
  compareWithPrevious,
  partitionFindings,
  type Finding,
  type HiddenFinding,
  type ReReviewScope,
  type SuppressedByRule,
  type VisibilityRules,
} from '../findings';
import type { RulesSummary } from '../rules';
import type { ReviewOutcome } from '../fanOut';

export interface ReviewSection {
  id: string;
  title: string;
}

export interface ReviewPlan {
  reviewId: string;
  /** "Review: src/app.ts", "Review: Uncommitted changes". */
  title: string;
  /** Absolute path of the workspace folder the paths below are relative to. */
  root: string;
  /** Each reviewed file with its line ranges, for headers and exports. */
  targets: string[];
  reviewedFiles: string[];
  /** One per expert, in order, then the synthesis when it is on. */
  sections: ReviewSection[];
  /** Everything left out, in memory only: a shell logs it once and keeps `leftOut`. */
  excluded: ExcludedFile[];
  /** Counts by reason and the first paths: what a stored review keeps of `excluded`. */
  leftOut: LeftOutSummary;
  experts: ExpertDefinition[];
  /** The project's rules files that went into the prompt (with their tokens) and those left out. */
  rules: RulesSummary;
  /**
   * Before any request: the shared block's size, how many requests will read it, and (when it was
   * worked out) the price range and a one-line summary such as "5 experts · 21k tokens · ≈ $0.05–0.09".
   */
  estimate: {
    contextTokens: number;
    requests: number;
    lowUsd?: number;
    highUsd?: number;
    inputUsd?: number;
    cacheWrites?: number;
    summary?: string;
    /** Context groups, when the target was over the budget and split (each its own cached block). */
    groups?: number;
  };
  /** ISO time. */
  startedAt: string;
  /** A workspace sweep's batch results shown as a review (absent for a review). */
  kind?: 'sweep';
}

export interface ReviewRecord extends Omit<ReviewPlan, 'experts' | 'estimate' | 'excluded'> {
  status: ReviewOutcome['status'];
  message?: string;
  /** The findings shown (panel, Problems, threads, exports). */
  findings: Finding[];
  /** Findings kept back and why (low confidence, refuted, outside the changed lines, dismissed): counted, shown on demand. */
  hidden?: HiddenFinding[];
  /** A re-review of the same target: findings of the previous review that are no longer raised (fixed). */
  gone?: Finding[];
  /** A re-review: ids of shown findings the previous review raised too (the others are new). */
  open?: string[];
  /** Findings the parser set aside (unknown file, bad lines). */
  dropped: number;
  /** Findings experts left out because a rules file allows the code, per rules file (empty when none). */
  suppressedByRules: SuppressedByRule[];
  usage: Usage;
  cost: CostReport;
}

export const newReviewId = (): string => `review-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** "src/a.ts (lines 1-40, 60-80)" for each file, in gathering order. */
export function describeTargets(context: GatheredContext): string[] {
  const byFile = new Map<string, string[]>();
  for (const f of context.files) byFile.set(f.path, [...(byFile.get(f.path) ?? []), `${f.startLine}-${f.endLine}`]);
  return [...byFile].map(([file, ranges]) => `${file} (lines ${ranges.join(', ')})`);
}

/** A workspace walk can leave thousands of files out; what a review stores of them. */
export const leftOutOf = (context: GatheredContext): LeftOutSummary => summariseLeftOut(context.excluded);

export function toRecord(plan: ReviewPlan, outcome: ReviewOutcome, visibility: VisibilityRules = {}): ReviewRecord {
  const { experts: _experts, estimate: _estimate, excluded: _excluded, ...about } = plan;
  const { shown, hidden } = partitionFindings(outcome.merged.findings, visibility);
  const record: ReviewRecord = {
    ...about,
    status: outcome.status,
    findings: shown,
    ...(hidden.length > 0 && { hidden }),
    dropped: outcome.dropped.length,
    suppressedByRules: outcome.suppressedByRules,
    usage: outcome.usage,
    cost: outcome.cost,
  };
  if (outcome.message) record.message = outcome.message;
  return record;
}

/** The record of a re-review: which shown findings are still open, and which earlier ones are gone (fixed). */
export function withReReview(
  record: ReviewRecord,
  previous: readonly Finding[],
  scope: ReReviewScope = { complete: true },
): ReviewRecord {
  const { open, gone } = compareWithPrevious(
    previous,
    record.findings,
    (record.hidden ?? []).map((h) => h.finding),
    scope,
  );
  return { ...record, open, gone };
}

/** Whether every expert of the run answered in full: only such a run can say a finding is gone. */
export const isComplete = (outcome: ReviewOutcome): boolean =>
  outcome.status === 'completed' && outcome.experts.every((r) => r.status === 'completed' && !r.result.error);
