// What a review reports while it runs, in order: `gathering` while files are read, `planned` once (before any request), then
// `status`/`text` per section while experts, the synthesis and the verifiers (one section) stream, then `finished`. Experts
// run again or added later (FinishedReview.addExperts) report `moreExperts`, their `status`/`text`, then `finished` again.
// A shell renders them (a panel, a progress bar, terminal lines); new steps add event types here.
import type { GatherProgress } from '../context';
import type { ExpertProblem } from '../experts';
import type { Finding } from '../findings';
import type { ReviewOutcome } from '../fanOut';
import type { RunStatus } from '../runStatus';
import type { LiveCost } from '../liveCost';
import type { CapName } from './budget';
import type { ReviewPlan, ReviewRecord, ReviewSection } from './reviewRecord';

export type ReviewEvent =
  /** Some expert definitions could not be read; the others run. */
  | { type: 'expertProblems'; problems: ExpertProblem[] }
  /** Gathering has begun (0 of 0) or moved on: files found by the walk, then files read. */
  | { type: 'gathering'; progress: GatherProgress }
  /** The code is gathered and the experts are chosen: what will run, before any request. */
  | { type: 'planned'; plan: ReviewPlan }
  /**
   * Experts run again or added to a finished review (FinishedReview.addExperts), once the caps let them start:
   * their lanes, and which of them are new (they go before the synthesis). Before their first status.
   */
  | { type: 'moreExperts'; sections: ReviewSection[]; added: ReviewSection[] }
  | { type: 'status'; sectionId: string; status: RunStatus; note?: string }
  | { type: 'text'; sectionId: string; text: string }
  /**
   * An expert finished and its answer parsed: its findings as it raised them, before the synthesis judged
   * them (provisional: a shell may show them at once, never as the review's findings). After its `status`.
   */
  | { type: 'expertFindings'; sectionId: string; findings: Finding[] }
  /** A section's live tokens, cost and cache status; `total` is the run's so far. */
  | { type: 'cost'; sectionId: string; live: LiveCost; total: { usd: number; savedUsd: number } }
  /** A spending cap was reached mid-run: no new requests, open ones stopped (their text kept). */
  | { type: 'capReached'; cap: CapName; message: string }
  /** Every request of the run has ended; findings are placed and the cost is known (the review's, all runs). Stored next. */
  | { type: 'finished'; record: ReviewRecord; outcome: ReviewOutcome };
