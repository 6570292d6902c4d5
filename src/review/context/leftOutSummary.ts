// What a review keeps about left-out files: counts by reason and the first few paths. A workspace
// walk can leave thousands out (mostly over the budget); storing and re-sending that list with every
// review made the history slow to save, so the full list goes to the log once instead.
import { comparePaths } from './paths';
import type { ExcludedFile, ExclusionReason } from './types';

/** Enough paths to see what kind of thing was left out. */
export const LEFT_OUT_SHOWN = 40;

export interface LeftOutSummary {
  total: number;
  /** Most frequent reason first. */
  byReason: Array<{ reason: ExclusionReason; count: number }>;
  /** The first LEFT_OUT_SHOWN items, real omissions before always-skipped folders, each group by path. */
  shown: ExcludedFile[];
}

export function summariseLeftOut(excluded: readonly ExcludedFile[], shown = LEFT_OUT_SHOWN): LeftOutSummary {
  const counts = new Map<ExclusionReason, number>();
  for (const e of excluded) counts.set(e.reason, (counts.get(e.reason) ?? 0) + 1);
  const byReason = [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || comparePaths(a.reason, b.reason));
  const skipped = (e: ExcludedFile) => Number(e.reason === 'always-skipped');
  const first = [...excluded].sort((a, b) => skipped(a) - skipped(b) || comparePaths(a.path, b.path)).slice(0, shown);
  return { total: excluded.length, byReason, shown: first };
}

/** "1,850 over the budget, 40 gitignore" style counts, for a log line or a panel. */
export function describeCounts(byReason: ReadonlyArray<{ reason: string; count: number }>): string {
  return byReason.map(({ reason, count }) => `${count} ${reason}`).join(', ');
}

/** The full list for the log: a header line, then one item per line. */
export function leftOutLogText(what: string, excluded: readonly ExcludedFile[]): string {
  const { byReason } = summariseLeftOut(excluded, 0);
  const lines = excluded.map((e) => `  ${e.path} — ${e.reason}: ${e.detail}`);
  return [`Left out of ${what}: ${excluded.length} item(s) (${describeCounts(byReason)})`, ...lines].join('\n');
}

/**
 * Left out because the review could not take them (the token budget, the walk's file limit, a file too
 * large to read), not because a rule chose to (ignore rules, secrets, lock files, binaries, deletions):
 * a review that left such a file out is partial.
 */
export const NOT_REVIEWED_REASONS: ReadonlySet<ExclusionReason> = new Set(['budget', 'max-files', 'too-large']);

/** How many files a review could not take (see NOT_REVIEWED_REASONS); 0 when it covered everything it may send. */
export const notReviewedCount = (leftOut: Pick<LeftOutSummary, 'byReason'> | undefined): number =>
  (leftOut?.byReason ?? []).filter((r) => NOT_REVIEWED_REASONS.has(r.reason)).reduce((n, r) => n + r.count, 0);
