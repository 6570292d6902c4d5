// A review of a target reviewed before: which findings are new, which are still open, and which of
// the previous review's findings are no longer raised (fixed). By fingerprint, so moved lines match.
import type { Finding } from './types';

export interface ReReview {
  /** Ids of shown findings the previous review raised too; every other shown finding is new. */
  open: string[];
  /** The previous review's findings raised by neither list this time. */
  gone: Finding[];
}

/**
 * Compares this review's findings with the previous one's. `alsoRaised` are this review's hidden
 * findings (dismissed, low confidence…): raised again, so not fixed, though not shown as open.
 */
export function compareWithPrevious(
  previous: readonly Finding[],
  shown: readonly Finding[],
  alsoRaised: readonly Finding[] = [],
): ReReview {
  const before = new Set(previous.map((f) => f.id));
  const now = new Set([...shown, ...alsoRaised].map((f) => f.id));
  return {
    open: shown.filter((f) => before.has(f.id)).map((f) => f.id),
    gone: previous.filter((f) => !now.has(f.id)),
  };
}

/** "2 new · 3 still open · 1 fixed since the last review". */
export function reReviewSummary(counts: { new: number; open: number; fixed: number }): string {
  return `${counts.new} new · ${counts.open} still open · ${counts.fixed} fixed since the last review`;
}
