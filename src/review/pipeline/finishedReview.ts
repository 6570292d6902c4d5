// A finished review that can take more experts: one that failed or was stopped run again, or another
// one added, over the same shared block. The block is byte-identical, so within the cache lifetime the
// new requests read the cache the review wrote (and, with the WarmPrefixes registry, go out at once).
// It keeps what that needs (the block, the client, the outcome and record so far), so a shell keeps
// this object and nothing of the pipeline's internals. The spending caps hold as for a review (the
// same capped fan-out). Each run emits moreExperts, status, text, cost, then finished with the updated
// record, whose new / still open / fixed counts are worked out again against the same earlier findings
// (a retried expert's finding that was open before is still open, not new). A review split into
// context groups keeps every group's block: more experts run over each of them (groupRuns.ts), as the
// first run did, so an added expert sees every file the review covered.
import type Anthropic from '@anthropic-ai/sdk';
import type { ClientConfig, LimitFunction, Logger, WarmPrefixes } from '../../core';
import type { ExpertDefinition } from '../experts';
import type { Finding, VisibilityRules } from '../findings';
import type { ReviewOutcome } from '../fanOut';
import type { SharedBlock } from '../sharedBlock';
import type { SpendLedger } from './budget';
import { cappedFanOut, type CappedScope } from './cappedFanOut';
import { estimateGroups, type ReviewEstimate } from './estimate';
import { groupSections, runGroups } from './groupRuns';
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
  /** The review as a whole: every file, listing and changed line (findings are placed against it). */
  block: SharedBlock;
  /** Each context group's block, as the first run sent it (one alone: `block` itself). */
  blocks?: readonly SharedBlock[];
  client: Anthropic | ClientConfig;
  outcome: ReviewOutcome;
  record: ReviewRecord;
  experts: readonly ExpertDefinition[];
  /** The earlier findings the first run was compared with, when there were any. */
  before?: readonly Finding[];
  warmPrefixes?: WarmPrefixes;
}

/** What the capped fan-out runs over: one block, or a fan-out of its own over several. */
type FanOutSource =
  | { block: SharedBlock; fanOut?: undefined }
  | { block?: undefined; fanOut: (run: CappedScope) => Promise<ReviewOutcome> };

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
    const { block, outcome: previous } = this.state;
    const { settings } = run;
    const blocks = this.state.blocks?.length ? this.state.blocks : [block];
    const estimate = await this.estimate(blocks, experts, run);
    // Lanes the record does not have yet are new (a retry's lanes, in every group, are already there).
    const known = new Set(this.state.record.sections.map((s) => s.id));
    const sections = groupSections(
      experts,
      { synthesis: false, verify: 'off', passes: settings.passes },
      blocks.length,
    );
    const added = sections.filter((s) => !known.has(s.id));
    // The same visibility as the first run (the new merge re-scores every finding).
    const visibility: VisibilityRules = {
      ...(settings.minConfidence !== undefined && { minConfidence: settings.minConfidence }),
      ...(settings.changedLinesOnly !== false && block.changedLines && { changedLines: block.changedLines }),
      ...(run.dismissed && { dismissed: await run.dismissed.ids() }),
    };
    const ran = await cappedFanOut({
      ...this.fanOutOver(blocks, experts, run, visibility),
      experts,
      client: this.state.client,
      settings,
      // The review's synthesis lanes are left alone: they still describe the first run.
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
      ...(run.signal && { signal: run.signal }),
      ...(run.limiter && { limiter: run.limiter }),
      ...(run.logger && { logger: run.logger }),
      ...(this.state.warmPrefixes && { warmPrefixes: this.state.warmPrefixes }),
      ...(run.controls && { controls: run.controls }),
    });
    if (ran.kind === 'stopped') return ran;

    const outcome = mergeInto(previous, ran.outcome, block);
    if (ran.capped) outcome.message = outcome.message ? `${ran.capped} ${outcome.message}` : ran.capped;
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

  /** Every group's block counted (counting tokens costs a round trip: only when a cap could say no). */
  private async estimate(
    blocks: readonly SharedBlock[],
    experts: readonly ExpertDefinition[],
    run: MoreExpertsRun,
  ): Promise<ReviewEstimate | undefined> {
    const { settings, signal } = run;
    const { client, warmPrefixes } = this.state;
    const limits = settings.budget ?? { perRunUsd: 0, perDayUsd: 0 };
    if (limits.perRunUsd <= 0 && limits.perDayUsd <= 0) return undefined;
    return estimateGroups(blocks, {
      client,
      experts,
      model: settings.model,
      maxTokens: settings.maxTokens,
      synthesis: false,
      ...(settings.passes && { passes: settings.passes }),
      ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
      ...(warmPrefixes && { warmPrefixes }),
      ...(settings.prices && { prices: settings.prices }),
      ...(signal && { signal }),
    });
  }

  /**
   * One block: the capped fan-out over it. Several: every group's experts over its own block, as the
   * first run did (each block is byte-identical, so a cache read within its lifetime), without a
   * synthesis or a verify pass (the merge keeps the verdicts it had).
   */
  private fanOutOver(
    blocks: readonly SharedBlock[],
    experts: readonly ExpertDefinition[],
    run: MoreExpertsRun,
    visibility: VisibilityRules,
  ): FanOutSource {
    if (blocks.length === 1) return { block: blocks[0]! };
    const { client, warmPrefixes } = this.state;
    return {
      fanOut: (scope: CappedScope) =>
        runGroups({
          blocks,
          experts,
          client,
          settings: { ...run.settings, synthesis: false, verify: 'off' },
          run: scope,
          ...(run.limiter && { limiter: run.limiter }),
          ...(run.logger && { logger: run.logger }),
          ...(warmPrefixes && { warmPrefixes }),
          ...(run.controls && { controls: run.controls }),
          visibility,
          emit: run.onEvent,
        }),
    };
  }
}
