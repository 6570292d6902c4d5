// A finished review that can take more experts: one that failed or was stopped run again, or another
// one added, over the same gathered code (its cached block). It keeps what that needs (the gathered
// code, the rules block, the client, the outcome and record so far), so a shell keeps this object and
// nothing of the pipeline's internals. Each run emits moreExperts, status, text, cost, then finished
// with the updated record, whose new / still open / fixed counts are worked out again against the
// same earlier findings (a retried expert's finding that was open before is still open, not new).
import type Anthropic from '@anthropic-ai/sdk';
import type { ClientConfig, LimitFunction, Logger, WarmPrefixes } from '../../core';
import type { GatheredContext } from '../context';
import type { ExpertDefinition } from '../experts';
import type { Finding } from '../findings';
import type { ReviewOutcome } from '../runReview';
import type { SpendLedger } from './budget';
import type { ReviewEstimate } from './estimate';
import type { ExpertControls } from './expertControls';
import { runMoreExperts, type MoreExpertsResult } from './moreExperts';
import type { DismissedFindings, ReviewListener, ReviewSettings } from './ports';
import { isComplete, withReReview, type ReviewRecord } from './reviewRecord';

/** What one run of more experts takes from the shell: its settings now, where events go, its controls. */
export interface MoreExpertsRun {
  /** The settings now (caps, model, visibility); the gathered code stays the review's. */
  settings: ReviewSettings;
  onEvent: ReviewListener;
  signal?: AbortSignal;
  controls?: ExpertControls;
  limiter?: LimitFunction;
  logger?: Logger;
  spend?: SpendLedger;
  confirmCost?: (estimate: ReviewEstimate, reason: string) => Promise<boolean>;
  /** Dismissed in this workspace: the new merge keeps them hidden, as the first run did. */
  dismissed?: DismissedFindings;
}

export interface FinishedReviewState {
  context: GatheredContext;
  /** The review's project-rules block ('' when none). */
  rulesText: string;
  client: Anthropic | ClientConfig;
  outcome: ReviewOutcome;
  record: ReviewRecord;
  experts: readonly ExpertDefinition[];
  /** The earlier findings the first run was compared with, when there were any. */
  before?: readonly Finding[];
  warmPrefixes?: WarmPrefixes;
}

export class FinishedReview {
  private running = false;

  constructor(private state: FinishedReviewState) {}

  get record(): ReviewRecord {
    return this.state.record;
  }

  get outcome(): ReviewOutcome {
    return this.state.outcome;
  }

  /** Every expert that has run on this review. */
  get experts(): readonly ExpertDefinition[] {
    return this.state.experts;
  }

  /** True while experts run on it (one run at a time). */
  get busy(): boolean {
    return this.running;
  }

  /** Runs `experts` over the review's code: one with the id of an earlier run replaces it, others are added. */
  async addExperts(experts: readonly ExpertDefinition[], run: MoreExpertsRun): Promise<MoreExpertsResult> {
    if (this.running)
      return { kind: 'stopped', reason: 'cancelled', message: 'Experts are still running on this review.' };
    this.running = true;
    const { context } = this.state;
    const { settings } = run;
    try {
      const result = await runMoreExperts({
        context,
        ...(this.state.rulesText && { rulesText: this.state.rulesText }),
        previous: this.state.outcome,
        record: this.state.record,
        experts,
        client: this.state.client,
        settings,
        onEvent: run.onEvent,
        // The same visibility as the first run (the new merge re-scores every finding).
        visibility: {
          ...(settings.minConfidence !== undefined && { minConfidence: settings.minConfidence }),
          ...(settings.changedLinesOnly !== false && context.changedLines && { changedLines: context.changedLines }),
          ...(run.dismissed && { dismissed: await run.dismissed.ids() }),
        },
        ...(this.state.warmPrefixes && { warmPrefixes: this.state.warmPrefixes }),
        ...(run.controls && { controls: run.controls }),
        ...(run.limiter && { limiter: run.limiter }),
        ...(run.signal && { signal: run.signal }),
        ...(run.logger && { logger: run.logger }),
        ...(run.spend && { spend: run.spend }),
        ...(run.confirmCost && { confirmCost: run.confirmCost }),
      });
      if (result.kind === 'stopped') return result;
      const merged = result.record ?? this.state.record;
      const { before } = this.state;
      const record = before
        ? withReReview(merged, before, { complete: isComplete(result.outcome), covered: context.files })
        : merged;
      const ran = new Set(this.state.experts.map((e) => e.id));
      this.state = {
        ...this.state,
        outcome: result.outcome,
        record,
        experts: [...this.state.experts, ...experts.filter((e) => !ran.has(e.id))],
      };
      run.onEvent({ type: 'finished', record, outcome: result.outcome });
      return { ...result, record };
    } finally {
      this.running = false;
    }
  }
}
