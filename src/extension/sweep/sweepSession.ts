// A finished sweep shown where a review's findings go: a review session of its own (its panel with
// a lane per expert and the findings per file, under the same hidden reasons and confidence rules),
// and through the workspace's OpenFindings into Problems and comment threads. The session saves it
// to history, so "Export review as Markdown" and "Reopen a recent review…" take it like any review.
// No vscode import at run time: tested in plain Node.
import { newReviewId, sweepAsReview, type SweepOutcome } from '../../review';
import type { OpenFindings } from '../review/openFindings';
import type { ReviewSession } from '../review/reviewSession';
import type { ReviewSessions } from '../review/reviewSessions';

export interface SweepShown {
  sessions: ReviewSessions;
  findings: OpenFindings;
  /** The workspace folder's URI string (where open findings live) and its path on disk. */
  rootUri: string;
  rootPath: string;
  /** review.minConfidence: lower findings are hidden, counted and shown on demand, as in a review. */
  minConfidence?: number;
  /** How the sweep was priced, in words ("at the batch price"). */
  priced: string;
}

export async function showSweep(sweep: SweepOutcome, input: SweepShown): Promise<ReviewSession> {
  const { plan, record, outcome, lanes } = sweepAsReview(sweep, {
    reviewId: newReviewId(),
    root: input.rootPath,
    startedAt: new Date().toISOString(),
    visibility: {
      ...(input.minConfidence !== undefined && { minConfidence: input.minConfidence }),
      // Dismissed in this workspace: kept hidden, as a review keeps them.
      dismissed: await input.findings.ids(),
    },
    priced: input.priced,
  });
  const session = input.sessions.create(input.rootUri, sweep.title);
  // The events a review's run sends, in its order: the panel opens, each lane ends, the record lands.
  session.apply({ type: 'planned', plan });
  for (const lane of lanes) session.apply({ type: 'status', sectionId: lane.id, status: lane.status, note: lane.note });
  session.apply({ type: 'finished', record, outcome });
  input.sessions.settled();
  return session;
}
