// A finished review that can take more experts: one that failed or was stopped run again, or another
// one added, over the same shared block. The block is byte-identical, so within the cache lifetime the
// new requests read the cache the review wrote (and, with the WarmPrefixes registry, go out at once).
// It keeps what that needs (the block, the client, the outcome and record so far), so a shell keeps
// this object and nothing of the pipeline's internals. The spending caps hold as for a review (the
// same capped fan-out). Each run emits moreExperts, status, text, cost, then finished with the updated
// record, whose new / still open / fixed counts are worked out again against the same earlier findings
// (a retried expert's finding that was open before is still open, not new).
import type Anthropic from '@anthropic-ai/sdk';
import type { ClientConfig, LimitFunction, Logger, WarmPrefixes } from '../../core';
import type { ExpertDefinition } from '../experts';
import type { Finding, VisibilityRules } from '../findings';
import type { ReviewOutcome } from '../fanOut';
import type { SharedBlock } from '../sharedBlock';
import type { SpendLedger } from './budget';
import { laneSections } from '../passes';
import { cappedFanOut } from './cappedFanOut';
import { estimateReview, type ReviewEstimate } from './estimate';
import type { ExpertControls } from './expertControls';
import { mergeInto, updatedRecord } from './mergeMore';
import type { DismissedFindings, ReviewListener, ReviewSettings } from './ports';
import { isComplete, withReReview, type ReviewRecord, type ReviewSection } from './reviewRecord';

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

export type MoreExpertsResult =
  /** The review's outcome with the new runs in place, findings merged again, and its updated record. */
  | { kind: 'finished'; outcome: ReviewOutcome; record: ReviewRecord; added: ReviewSection[] }
  | { kind: 'stopped'; reason: 'overBudget' | 'cancelled' | 'busy'; message: string };

export interface FinishedReviewState {
  block: SharedBlock;
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

  /** Runs `experts` over the review's block: one with the id of an earlier run replaces it, others are added. */
  async addExperts(experts: readonly ExpertDefinition[], run: MoreExpertsRun): Promise<MoreExpertsResult> {
    if (this.running) return { kind: 'stopped', reason: 'busy', message: 'Experts are still running on this review.' };
    this.running = true;
    try {
      return await this.runMore(experts, run);
    } finally {
      this.running = false;
    }
  }

  private async runMore(experts: readonly ExpertDefinition[], run: MoreExpertsRun): Promise<MoreExpertsResult> {
    const { block, client, outcome: previous, warmPrefixes } = this.state;
    const { settings, signal, logger } = run;
    const limits = settings.budget ?? { perRunUsd: 0, perDayUsd: 0 };
    // Counting tokens costs a round trip: only when a cap could say no.
    const estimate =
      limits.perRunUsd > 0 || limits.perDayUsd > 0
        ? await estimateReview({
            client,
            block,
            experts,
            model: settings.model,
            maxTokens: settings.maxTokens,
            synthesis: false,
            ...(settings.passes && { passes: settings.passes }),
            ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
            ...(warmPrefixes && { warmPrefixes }),
            ...(settings.prices && { prices: settings.prices }),
            ...(signal && { signal }),
          })
        : undefined;
    const known = new Set(previous.experts.map((r) => r.expert.id));
    const sections: ReviewSection[] = laneSections(experts, settings.passes);
    const added = sections.filter((s) => !known.has(s.id));
    const ran = await cappedFanOut({
      block,
      experts,
      client,
      settings,
      // The review's synthesis lane is left alone: it still describes the first run.
      synthesis: false,
      emit: run.onEvent,
      ...(estimate && { estimate }),
      subject: experts.length === 1 ? `${experts[0]!.name} may` : `These ${experts.length} experts may`,
      ...(run.confirmCost && { confirmCost: run.confirmCost }),
      starting: () => run.onEvent({ type: 'moreExperts', sections, added }),
      // The running total the panel shows is the review's: what it had cost, plus these requests.
      earlier: {
        usd: previous.cost.usd ?? 0,
        savedUsd:
          previous.cost.usd !== undefined && previous.cost.uncachedUsd !== undefined
            ? previous.cost.uncachedUsd - previous.cost.usd
            : 0,
      },
      ...(run.spend && { spend: run.spend }),
      ...(signal && { signal }),
      ...(run.limiter && { limiter: run.limiter }),
      ...(logger && { logger }),
      ...(warmPrefixes && { warmPrefixes }),
      ...(run.controls && { controls: run.controls }),
    });
    if (ran.kind === 'stopped') return ran;

    const outcome = mergeInto(previous, ran.outcome, block);
    if (ran.capped) outcome.message = outcome.message ? `${ran.capped} ${outcome.message}` : ran.capped;
    // The same visibility as the first run (the new merge re-scores every finding).
    const visibility: VisibilityRules = {
      ...(settings.minConfidence !== undefined && { minConfidence: settings.minConfidence }),
      ...(settings.changedLinesOnly !== false && block.changedLines && { changedLines: block.changedLines }),
      ...(run.dismissed && { dismissed: await run.dismissed.ids() }),
    };
    const merged = updatedRecord(this.state.record, outcome, added, visibility);
    const { before } = this.state;
    const record = before
      ? withReReview(merged, before, { complete: isComplete(outcome), covered: block.files })
      : merged;
    const ids = new Set(this.state.experts.map((e) => e.id));
    this.state = {
      ...this.state,
      outcome,
      record,
      experts: [...this.state.experts, ...experts.filter((e) => !ids.has(e.id))],
    };
    run.onEvent({ type: 'finished', record, outcome });
    return { kind: 'finished', outcome, record, added };
  }
}
