// The fan-out under the spending caps, as a review and a later run of more experts both run it.
// Before any request an estimate above a cap asks first (declined: nothing is sent); while requests
// stream, one running total feeds the cost events and the caps, and a cap reached stops the run as
// Cancel does (open requests aborted, their text kept, the message says which cap); at the end what
// the run cost is added to today's spend. A review split into context groups runs all its blocks as
// one such run (`fanOut`): one cap, one signal, one total.
import type Anthropic from '@anthropic-ai/sdk';
import type { ClientConfig, LimitFunction, Logger, SpendGuard, WarmPrefixes } from '../../core';
import type { ExpertDefinition } from '../experts';
import type { LiveCost } from '../liveCost';
import { costTally, fanOutExperts, type CostTally, type ReviewOutcome } from '../fanOut';
import type { SharedBlock } from '../sharedBlock';
import { CappedRun, overCapBefore, type SpendLedger } from './budget';
import type { ReviewEstimate } from './estimate';
import type { ExpertControls } from './expertControls';
import type { ReviewListener, ReviewSettings } from './ports';

/** What the requests of a capped run take: its signal and guard, and the tally that feeds the caps. */
export interface CappedScope {
  signal: AbortSignal;
  /** Admits each request only when its worst case fits under the caps (none set: undefined). */
  spendGuard?: SpendGuard;
  /** The running total cost events carry; what it is given counts against the caps. */
  tally: CostTally;
  /** A cost event for `sectionId`, counted (for requests that do not emit their own). */
  onCost: (sectionId: string, live: LiveCost) => void;
}

export type CappedFanOutInput = CappedFanOutOptions &
  (
    | { block: SharedBlock; fanOut?: undefined }
    /** In place of the one fan-out over `block`: several blocks (a review in context groups) under this run. */
    | { block?: undefined; fanOut: (run: CappedScope) => Promise<ReviewOutcome> }
  );

interface CappedFanOutOptions {
  experts: readonly ExpertDefinition[];
  client: Anthropic | ClientConfig;
  settings: ReviewSettings;
  synthesis: boolean;
  emit: ReviewListener;
  /** The estimate checked against the caps before anything is sent (none: nothing to check). */
  estimate?: ReviewEstimate;
  /** Who may spend it, in the cap's question: "This review may", "Security may". */
  subject?: string;
  confirmCost?: (estimate: ReviewEstimate, reason: string) => Promise<boolean>;
  /** Once the caps let the run start, before its first request (the `planned` or `moreExperts` event). */
  starting?: () => void;
  /** What the review cost before this run: the running total goes on from it. */
  earlier?: { usd: number; savedUsd: number };
  /** A step after the experts, under the same caps and signal (the verify pass). */
  then?: (outcome: ReviewOutcome, run: CappedScope) => Promise<ReviewOutcome>;
  spend?: SpendLedger;
  signal?: AbortSignal;
  limiter?: LimitFunction;
  logger?: Logger;
  warmPrefixes?: WarmPrefixes;
  controls?: ExpertControls;
}

export type CappedFanOutResult =
  /** `capped`: the message of the cap that stopped the run (already leading `outcome.message`). */
  | { kind: 'ran'; outcome: ReviewOutcome; capped?: string }
  | { kind: 'stopped'; reason: 'overBudget' | 'cancelled'; message: string };

export async function cappedFanOut(input: CappedFanOutInput): Promise<CappedFanOutResult> {
  const { settings, signal, logger, emit } = input;
  const limits = settings.budget ?? { perRunUsd: 0, perDayUsd: 0 };
  const spentBefore = input.spend?.spentToday() ?? 0;
  const overCap = input.estimate && overCapBefore(input.estimate, limits, spentBefore, input.subject);
  if (overCap && !(await input.confirmCost?.(input.estimate!, overCap.message)))
    return { kind: 'stopped', reason: 'overBudget', message: `${overCap.message} Nothing was sent.` };
  if (signal?.aborted) return { kind: 'stopped', reason: 'cancelled', message: 'Cancelled before anything was sent.' };
  input.starting?.();

  const run = new CappedRun(
    limits,
    spentBefore,
    signal,
    (cap, message) => {
      logger?.warn(message);
      emit({ type: 'capReached', cap, message });
    },
    { ...(settings.prices && { prices: settings.prices }), ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }) },
  );
  // The cap counts this run's requests; the total shown goes on from what the review cost before.
  const tally = costTally(input.earlier);
  const counted = {
    add: (sectionId: string, live: LiveCost) => {
      const total = tally.add(sectionId, live);
      run.budget.update(sectionId, live.usd);
      return total;
    },
  };
  const scope: CappedScope = {
    signal: run.signal,
    ...(run.guard && { spendGuard: run.guard }),
    tally: counted,
    onCost: (sectionId, live) => emit({ type: 'cost', sectionId, live, total: counted.add(sectionId, live) }),
  };
  let outcome: ReviewOutcome;
  try {
    outcome = input.fanOut
      ? await input.fanOut(scope)
      : await fanOutExperts({
          block: input.block,
          experts: input.experts,
          client: input.client,
          model: settings.model,
          maxTokens: settings.maxTokens,
          maxWorkers: settings.maxConcurrency,
          strategy: settings.fanOutStrategy,
          synthesis: input.synthesis,
          signal: run.signal,
          emit,
          tally: counted,
          ...(settings.passes && { passes: settings.passes }),
          ...(input.limiter && { limiter: input.limiter }),
          ...(logger && { logger }),
          ...(settings.prices && { prices: settings.prices }),
          ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
          ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
          ...(input.controls && { expertSignals: input.controls.signalsFor(input.experts.map((e) => e.id)) }),
          ...(run.guard && { spendGuard: run.guard }),
        });
    if (input.then) outcome = await input.then(outcome, scope);
  } finally {
    run.end();
  }
  const message = run.leadWithCap(outcome.message);
  if (message) outcome.message = message;
  try {
    await input.spend?.add(outcome.cost.usd ?? 0);
  } catch (err) {
    logger?.warn(`Today's spend could not be stored: ${err instanceof Error ? err.message : String(err)}`);
  }
  const capped = run.leadWithCap(undefined);
  return capped ? { kind: 'ran', outcome, capped } : { kind: 'ran', outcome };
}
