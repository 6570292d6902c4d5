// Step 7b of the pipeline: the optional verify pass over the synthesised findings. Only findings the
// review would show are checked (a low-confidence or dismissed one is hidden whatever a verifier says),
// and what the verifiers cost joins the review's usage and cost.
import type Anthropic from '@anthropic-ai/sdk';
import {
  addCosts,
  sumUsage,
  type ClientConfig,
  type LimitFunction,
  type Logger,
  type SpendGuard,
  type SystemInput,
  type WarmPrefixes,
} from '../../core';
import { hiddenReason, type VisibilityRules } from '../findings';
import type { LiveCost } from '../liveCost';
import type { ReviewOutcome } from '../fanOut';
import { findingsToVerify, verifyFindings, withVerdicts, VERIFICATION_ID, type VerifyMode } from '../verify';
import type { ReviewSettings } from './ports';
import type { ReviewEvent } from './reviewEvents';

export interface VerifyStepInput {
  mode: VerifyMode;
  outcome: ReviewOutcome;
  visibility: VisibilityRules;
  /** The review's shared system block, as the experts sent it. */
  system: SystemInput;
  client: Anthropic | ClientConfig;
  settings: ReviewSettings;
  /** The run's signal: Cancel and a reached spending cap stop the verifiers too. */
  signal: AbortSignal;
  limiter?: LimitFunction;
  logger?: Logger;
  warmPrefixes?: WarmPrefixes;
  /** The run's spending cap (CappedRun.guard). */
  spendGuard?: SpendGuard;
  emit: (event: ReviewEvent) => void;
  /** The verifiers' live cost together, for the run's budget and total. */
  onCost: (live: LiveCost) => void;
}

/** The outcome with each checked finding's verdict, and the verifiers' usage and cost added. */
export async function verifyStep(input: VerifyStepInput): Promise<ReviewOutcome> {
  const { outcome, emit } = input;
  const status = (s: 'done' | 'cancelled' | 'failed' | 'streaming', note?: string) =>
    emit(
      note === undefined
        ? { type: 'status', sectionId: VERIFICATION_ID, status: s }
        : { type: 'status', sectionId: VERIFICATION_ID, status: s, note },
    );
  if (input.signal.aborted || outcome.status === 'cancelled') {
    status('cancelled', 'Cancelled before verification.');
    return outcome;
  }
  const shown = outcome.merged.findings.filter((f) => hiddenReason(f, input.visibility) === undefined);
  const verified = await verifyFindings({
    findings: findingsToVerify(shown, input.mode),
    system: input.system,
    client: input.client,
    model: input.settings.model,
    maxWorkers: input.settings.maxConcurrency,
    signal: input.signal,
    ...(input.limiter && { limiter: input.limiter }),
    ...(input.logger && { logger: input.logger }),
    ...(input.settings.prices && { prices: input.settings.prices }),
    ...(input.settings.cacheTtl && { cacheTtl: input.settings.cacheTtl }),
    ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
    ...(input.spendGuard && { spendGuard: input.spendGuard }),
    events: {
      status,
      text: (chunk) => emit({ type: 'text', sectionId: VERIFICATION_ID, text: chunk }),
      cost: input.onCost,
    },
  });
  if (verified.verdicts.size === 0) return outcome;
  input.logger?.info(`Verification: ${verified.note}`);
  const stopped = verified.status === 'cancelled' && outcome.status === 'completed';
  return {
    ...outcome,
    ...(stopped && {
      status: 'cancelled' as const,
      message: [outcome.message, 'Cancelled during verification; findings not yet verified are shown.']
        .filter(Boolean)
        .join(' '),
    }),
    merged: { ...outcome.merged, findings: withVerdicts(outcome.merged.findings, verified.verdicts) },
    usage: sumUsage([outcome.usage, verified.usage]),
    cost: addCosts([outcome.cost, verified.cost]),
  };
}
