// A review of a target reviewed before: which findings are new, which are still open, and which of
// the previous review's findings are no longer raised (fixed). By fingerprint, so moved lines match.
// A finding is fixed only when a complete review of its code no longer raises it: a run in which an
// expert was stopped, failed or never started, or one that did not read the finding's lines, fixes nothing.
import type { Finding, KnownFile } from './types';

export interface ReReview {
  /** Ids of shown findings the previous review raised too; every other shown finding is new. */
  open: string[];
  /** The previous review's findings raised by neither list this time. */
  gone: Finding[];
}

/** What a review looked at, which decides what it can say is gone. */
export interface ReReviewScope {
  /** Every expert answered in full (none stopped, failed or cancelled). */
  complete: boolean;
  /** The line ranges the experts were shown; a finding outside them was not looked at. Default: all. */
  covered?: readonly KnownFile[];
}

/**
 * Compares this review's findings with the previous one's. `alsoRaised` are this review's hidden
 * findings (dismissed, low confidence…): raised again, so not fixed, though not shown as open.
 */
export function compareWithPrevious(
  previous: readonly Finding[],
  shown: readonly Finding[],
  alsoRaised: readonly Finding[] = [],
  scope: ReReviewScope = { complete: true },
): ReReview {
  const before = new Set(previous.map((f) => f.id));
  const now = new Set([...shown, ...alsoRaised].map((f) => f.id));
  const lookedAt = (f: Finding) =>
    !scope.covered ||
    scope.covered.some((r) => r.path === f.file && r.startLine <= f.endLine && f.startLine <= r.endLine);
  return {
    open: shown.filter((f) => before.has(f.id)).map((f) => f.id),
    gone: scope.complete ? previous.filter((f) => !now.has(f.id) && lookedAt(f)) : [],
  };
}

/** "2 new · 3 still open · 1 fixed since the last review". */
export function reReviewSummary(counts: { new: number; open: number; fixed: number }): string {
  return `${counts.new} new · ${counts.open} still open · ${counts.fixed} fixed since the last review`;
}
