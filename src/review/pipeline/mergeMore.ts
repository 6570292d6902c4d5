// A finished review with more experts run on it (finishedReview.ts): their runs put in place (a retry
// replaces the earlier run of the same expert, an addition is appended) and the findings merged again
// without a new synthesis; the stored record with the added lanes before the synthesis. Verdicts of
// the verify pass are kept by fingerprint instead of verifying again.
import { addCosts, addUsage } from '../../core';
import {
  fallbackMerge,
  finalFindings,
  partitionFindings,
  type Finding,
  type FindingVerification,
  type VisibilityRules,
} from '../findings';
import { withVerdicts } from '../verify';
import { SYNTHESIS_ID, type ExpertRun, type ReviewOutcome } from '../fanOut';
import type { SharedBlock } from '../sharedBlock';
import type { ReviewRecord, ReviewSection } from './reviewRecord';

/**
 * The runs with `more` in place: an expert that ran before has every run replaced (a review in context
 * groups has one per group) where its first run was; a new expert's runs are appended.
 */
function withRunsReplaced(previous: readonly ExpertRun[], more: readonly ExpertRun[]): ExpertRun[] {
  const before = new Set(previous.map((r) => r.expert.id));
  const runsOf = (id: string) => more.filter((r) => r.expert.id === id);
  const retried = new Set(more.map((r) => r.expert.id));
  const placed = new Set<string>();
  const runs: ExpertRun[] = [];
  for (const run of previous) {
    const id = run.expert.id;
    if (!retried.has(id)) runs.push(run);
    else if (!placed.has(id)) {
      runs.push(...runsOf(id));
      placed.add(id);
    }
  }
  return [...runs, ...more.filter((r) => !before.has(r.expert.id))];
}

/** The review's outcome with the new runs in place (a retry replaces, an addition appends), findings merged again. */
export function mergeInto(previous: ReviewOutcome, more: ReviewOutcome, block: SharedBlock): ReviewOutcome {
  const runs = withRunsReplaced(previous.experts, more.experts);
  const usable = runs.filter((r) => r.status === 'completed' && !r.result.error).map((r) => r.result);
  const merged = fallbackMerge(usable);
  const failed = runs.filter((r) => r.status === 'failed');
  const outcome: ReviewOutcome = {
    status: usable.length ? 'completed' : previous.status,
    experts: runs,
    synthesis: previous.synthesis,
    merged: {
      summary: previous.merged.summary || merged.summary,
      findings: withVerdicts(finalFindings(merged.findings, block), verdictsOf(previous.merged.findings)),
    },
    findingsFrom: usable.map((u) => u.expertName),
    dropped: runs.flatMap((r) => r.result.dropped ?? []),
    usage: addUsage(previous.usage, more.usage),
    cost: addCosts([previous.cost, more.cost]),
    suppressedByRules: previous.suppressedByRules,
  };
  if (failed.length)
    outcome.message = `${failed.length} of ${runs.length} experts failed: ${failed.map((f) => f.expert.name).join(', ')}.`;
  return outcome;
}

/** The verify pass's verdicts so far, by fingerprint: the re-merge keeps them instead of verifying again. */
const verdictsOf = (findings: readonly Finding[]): Map<string, FindingVerification> =>
  new Map(findings.flatMap((f) => (f.verification ? [[f.id, f.verification] as const] : [])));

/** The stored review with the added lanes (before the synthesis) and the new findings and cost. */
export function updatedRecord(
  record: ReviewRecord,
  outcome: ReviewOutcome,
  added: readonly ReviewSection[],
  visibility: VisibilityRules,
): ReviewRecord {
  const synthesisAt = record.sections.findIndex((s) => s.id === SYNTHESIS_ID);
  const sections =
    synthesisAt < 0
      ? [...record.sections, ...added]
      : [...record.sections.slice(0, synthesisAt), ...added, ...record.sections.slice(synthesisAt)];
  const { message: _old, hidden: _hidden, ...rest } = record;
  const { shown, hidden } = partitionFindings(outcome.merged.findings, visibility);
  const next: ReviewRecord = {
    ...rest,
    sections,
    status: outcome.status,
    findings: shown,
    ...(hidden.length > 0 && { hidden }),
    dropped: outcome.dropped.length,
    usage: outcome.usage,
    cost: outcome.cost,
  };
  if (outcome.message) next.message = outcome.message;
  return next;
}
