// Per-expert control of running reviews, and the session's knowledge of warm cache prefixes (so a
// second review of the same code within the cache lifetime fans out at once). One per window.
import { WarmPrefixes } from '../../core';
import { ExpertControls } from '../../review';

export class ExpertControlHub {
  /** Shared by every review of this window: the cache is shared on the API's side too. */
  readonly warmPrefixes = new WarmPrefixes();
  private readonly byReview = new Map<string, ExpertControls>();

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
}
