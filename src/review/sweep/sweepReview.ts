// A finished sweep as a review: the plan and record a shell shows, stores and exports like any
// review's (panel, Problems, threads, "Export review as Markdown"), with the same visibility rules
// (confidence, dismissals; a sweep has no changed lines). One lane per expert, its groups together.
import { formatUsd } from '../../core';
import type { ReviewOutcome } from '../fanOut';
import type { RunStatus } from '../runStatus';
import type { VisibilityRules } from '../findings';
import { toRecord, type ReviewPlan, type ReviewRecord } from '../pipeline';
import type { SweepOutcome } from './runSweep';

export interface SweepAsReview {
  plan: ReviewPlan;
  record: ReviewRecord;
  outcome: ReviewOutcome;
  /** Each expert's lane: how it ended, with what it found or why groups went unanswered. */
  lanes: Array<{ id: string; status: RunStatus; note: string }>;
}

export interface SweepReviewInput {
  reviewId: string;
  /** Absolute path of the folder the sweep's paths are relative to. */
  root: string;
  startedAt: string;
  visibility?: VisibilityRules;
  /** How the sweep was priced, for the record's message ("at the batch price"). */
  priced: string;
}

export function sweepAsReview(sweep: SweepOutcome, input: SweepReviewInput): SweepAsReview {
  const reviewedFiles = [...new Set(sweep.groups.flatMap((g) => g.paths))];
  const plan: ReviewPlan = {
    reviewId: input.reviewId,
    title: sweep.title,
    root: input.root,
    targets: reviewedFiles,
    reviewedFiles,
    sections: sweep.experts.map((e) => ({ id: e.id, title: e.name })),
    excluded: [],
    leftOut: sweep.leftOut,
    experts: sweep.experts,
    rules: sweep.rules ?? { files: [], leftOut: [], tokens: 0 },
    estimate: { contextTokens: sweep.groups.reduce((n, g) => n + g.contextTokens, 0), requests: sweep.results.length },
    startedAt: input.startedAt,
    kind: 'sweep',
  };
  const lanes = sweep.experts.map((expert) => {
    const own = sweep.results.filter((r) => r.expertId === expert.id);
    const failed = own.filter((r) => r.error);
    const found = own.reduce((n, r) => n + r.findings.length, 0);
    const status: RunStatus = own.length && failed.length === own.length ? 'failed' : 'done';
    const groups = `${own.length} group${own.length === 1 ? '' : 's'}`;
    const why = failed[0]?.error;
    const note =
      status === 'failed'
        ? `${groups} unanswered (${why})`
        : failed.length
          ? `${failed.length} of ${groups} unanswered (${why}); ${found} found in the rest`
          : `${found} finding${found === 1 ? '' : 's'} over ${groups}`;
    return { id: expert.id, status, note };
  });
  const outcome: ReviewOutcome = {
    status: sweep.results.length > 0 && sweep.results.every((r) => r.error) ? 'failed' : 'completed',
    experts: sweep.experts.map((expert) => {
      const own = sweep.results.filter((r) => r.expertId === expert.id);
      return {
        expert,
        status: own.some((r) => r.error) ? 'failed' : 'completed',
        result: {
          expertId: expert.id,
          expertName: expert.name,
          summary: own
            .map((r) => r.summary)
            .filter(Boolean)
            .join('\n\n'),
          findings: own.flatMap((r) => r.findings),
          rawText: own.map((r) => r.rawText).join('\n\n'),
        },
        usage: { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 },
        elapsedMs: 0,
      };
    }),
    synthesis: { status: 'done', text: '', note: 'A sweep merges its experts without a synthesis.' },
    merged: sweep.merged,
    findingsFrom: sweep.experts.map((e) => e.name),
    dropped: sweep.results.flatMap((r) => r.dropped ?? []),
    suppressedByRules: [],
    usage: sweep.usage,
    cost: sweep.cost,
    message: sweepMessage(sweep, input.priced),
  };
  return { plan, record: toRecord(plan, outcome, input.visibility), outcome, lanes };
}

/** "Swept at the batch price: group 1 $0.01, group 2 $0.02. 1 batch request was not answered." */
function sweepMessage(sweep: SweepOutcome, priced: string): string {
  const groups = sweep.groups.map((g, i) => `group ${i + 1} ${formatUsd(g.cost.usd)}`).join(', ');
  const unanswered = sweep.unanswered
    ? ` ${sweep.unanswered} request${sweep.unanswered === 1 ? ' was' : 's were'} not answered.`
    : '';
  return `Swept ${priced}${groups ? `: ${groups}` : ''}.${unanswered}`;
}
