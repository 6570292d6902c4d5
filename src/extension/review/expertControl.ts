// Per-expert control of running reviews, and the session's knowledge of warm cache prefixes (so a
// second review of the same code within the cache lifetime fans out at once). One per window.
import type Anthropic from '@anthropic-ai/sdk';
import { WarmPrefixes, type ClientConfig } from '../../core';
import {
  ExpertControls,
  type ExpertDefinition,
  type GatheredContext,
  type ReviewOutcome,
  type ReviewRecord,
} from '../../review';

/** What a finished review keeps so that one of its experts can be run again over the same block. */
export interface FinishedReview {
  context: GatheredContext;
  /** The review's project-rules block ('' when none). */
  rulesText: string;
  client: Anthropic | ClientConfig;
  outcome: ReviewOutcome;
  record: ReviewRecord;
  experts: ExpertDefinition[];
  /** True while a retry runs (one at a time per review). */
  busy?: boolean;
}

export class ExpertControlHub {
  /** Shared by every review of this window: the cache is shared on the API's side too. */
  readonly warmPrefixes = new WarmPrefixes();
  private readonly byReview = new Map<string, ExpertControls>();
  /** Finished reviews whose experts can be retried; the newest few only (each holds its gathered code). */
  private readonly finished = new Map<string, FinishedReview>();

  /** Controls for the next review; bound to its id once the pipeline has planned it. */
  create(): ExpertControls {
    return new ExpertControls();
  }

  bind(reviewId: string, controls: ExpertControls): void {
    this.byReview.set(reviewId, controls);
  }

  /** Stops one expert of a running review; false when it is not running. */
  stop(reviewId: string, sectionId: string): boolean {
    return this.byReview.get(reviewId)?.stop(sectionId) ?? false;
  }

  release(reviewId: string): void {
    this.byReview.delete(reviewId);
  }

  remember(reviewId: string, review: FinishedReview): void {
    this.finished.delete(reviewId);
    this.finished.set(reviewId, review);
    while (this.finished.size > KEPT_REVIEWS) this.finished.delete(this.finished.keys().next().value!);
  }

  finishedReview(reviewId: string): FinishedReview | undefined {
    return this.finished.get(reviewId);
  }
}

const KEPT_REVIEWS = 5;
