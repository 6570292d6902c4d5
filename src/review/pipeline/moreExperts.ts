// After a review: retry an expert that failed or was stopped, or add another one, over the same
// gathered code. The shared block is byte-identical, so within the cache lifetime the new requests
// read the cache the review wrote (and, with the WarmPrefixes registry, go out at once). The
// spending caps hold as for a run: an estimate above a cap asks first, and a cap reached while
// streaming stops the requests (their text kept).
import type Anthropic from '@anthropic-ai/sdk';
import { addCosts, addUsage, type ClientConfig, type LimitFunction, type Logger, type WarmPrefixes } from '../../core';
import type { GatheredContext } from '../context';
import type { ExpertDefinition } from '../experts';
import {
  fallbackMerge,
  partitionFindings,
  withFingerprints,
  withSeenText,
  type Finding,
  type FindingVerification,
  type VisibilityRules,
} from '../findings';
import { withVerdicts } from '../verify';
import { runReview, SYNTHESIS_ID, type ExpertRun, type ReviewOutcome } from '../runReview';
import { CappedRun, overCapBefore, type SpendLedger } from './budget';
import { estimateReview, type ReviewEstimate } from './estimate';
import type { ExpertControls } from './expertControls';
import type { ReviewListener, ReviewSettings } from './ports';
import type { ReviewRecord, ReviewSection } from './reviewRecord';

export interface MoreExpertsInput {
  context: GatheredContext;
  /** The review's project-rules block, so the shared prefix (and its cache entry) is the same. */
  rulesText?: string;
  previous: ReviewOutcome;
  /** The review's stored record: returned updated (new lanes, findings, cost) when given. */
  record?: ReviewRecord;
  /** Experts to run: one with the id of an earlier run replaces it (a retry); others are added. */
  experts: readonly ExpertDefinition[];
  client: Anthropic | ClientConfig;
  /** `settings.budget` caps this run like a review: see budget.ts. */
  settings: ReviewSettings;
  /** moreExperts, then status, text, cost (and capReached) events of the experts run here. */
  onEvent: ReviewListener;
  warmPrefixes?: WarmPrefixes;
  controls?: ExpertControls;
  limiter?: LimitFunction;
  signal?: AbortSignal;
  logger?: Logger;
  /** Today's spend, for the daily cap; what these requests cost is added to it. */
  spend?: SpendLedger;
  /** Asked when the estimate passes a cap; without it such a run does not start. */
  confirmCost?: (estimate: ReviewEstimate, reason: string) => Promise<boolean>;
  /** The review's visibility rules (changed lines, confidence, dismissals), applied to the updated record. */
  visibility?: VisibilityRules;
}

export type MoreExpertsResult =
  /** The review's outcome with the new runs in place and findings merged again; `record` when one was given. */
  | { kind: 'finished'; outcome: ReviewOutcome; record?: ReviewRecord; added: ReviewSection[] }
  | { kind: 'stopped'; reason: 'overBudget' | 'cancelled'; message: string };

export async function runMoreExperts(input: MoreExpertsInput): Promise<MoreExpertsResult> {
  const { settings, previous, context, signal, logger } = input;
  const limits = settings.budget ?? { perRunUsd: 0, perDayUsd: 0 };
  const spentBefore = input.spend?.spentToday() ?? 0;
  const systemText = input.rulesText ? `${input.rulesText}\n${context.systemText}` : context.systemText;

  // Counting tokens costs a round trip: only when a cap could say no.
  if (limits.perRunUsd > 0 || limits.perDayUsd > 0) {
    const estimate = await estimateReview({
      client: input.client,
      systemText,
      experts: input.experts,
      model: settings.model,
      maxTokens: settings.maxTokens,
      synthesis: false,
      ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
      ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
      ...(settings.prices && { prices: settings.prices }),
      ...(signal && { signal }),
    });
    const overCap = overCapBefore(
      estimate,
      limits,
      spentBefore,
      input.experts.length === 1 ? `${input.experts[0]!.name} may` : `These ${input.experts.length} experts may`,
    );
    if (overCap && !(await input.confirmCost?.(estimate, overCap.message))) {
      return { kind: 'stopped', reason: 'overBudget', message: `${overCap.message} Nothing was sent.` };
    }
  }
  if (signal?.aborted) return { kind: 'stopped', reason: 'cancelled', message: 'Cancelled before anything was sent.' };

  const known = new Set(previous.experts.map((r) => r.expert.id));
  const sections: ReviewSection[] = input.experts.map((e) => ({ id: e.id, title: e.name }));
  const added = sections.filter((s) => !known.has(s.id));
  input.onEvent({ type: 'moreExperts', sections, added });

  // A cap reached mid-run stops these requests as Cancel does, with its own message.
  const run = new CappedRun(
    limits,
    spentBefore,
    signal,
    (cap, message) => {
      logger?.warn(message);
      input.onEvent({ type: 'capReached', cap, message });
    },
    { ...(settings.prices && { prices: settings.prices }), ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }) },
  );
  const budget = run.budget;
  const savedBySection = new Map<string, number>();
  // The running total the panel shows is the review's: what it had cost, plus these requests.
  const earlierUsd = previous.cost.usd ?? 0;
  const earlierSavedUsd =
    previous.cost.usd !== undefined && previous.cost.uncachedUsd !== undefined
      ? previous.cost.uncachedUsd - previous.cost.usd
      : 0;
  let more: ReviewOutcome;
  try {
    more = await runReview({
      context,
      ...(input.rulesText && { rulesText: input.rulesText }),
      experts: input.experts,
      client: input.client,
      model: settings.model,
      maxTokens: settings.maxTokens,
      maxWorkers: settings.maxConcurrency,
      strategy: settings.fanOutStrategy,
      synthesis: false,
      signal: run.signal,
      ...(input.limiter && { limiter: input.limiter }),
      ...(logger && { logger }),
      ...(settings.prices && { prices: settings.prices }),
      ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
      ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
      ...(input.controls && { expertSignals: input.controls.signalsFor(input.experts.map((e) => e.id)) }),
      ...(run.guard && { spendGuard: run.guard }),
      events: {
        // The review's synthesis section is not touched: it still describes the first run.
        status: (sectionId, status, note) => {
          if (sectionId !== SYNTHESIS_ID)
            input.onEvent(
              note === undefined ? { type: 'status', sectionId, status } : { type: 'status', sectionId, status, note },
            );
        },
        text: (sectionId, text) => input.onEvent({ type: 'text', sectionId, text }),
        cost: (sectionId, live) => {
          savedBySection.set(sectionId, live.savedUsd ?? 0);
          budget.update(sectionId, live.usd);
          const savedUsd = [...savedBySection.values()].reduce((a, b) => a + b, 0);
          input.onEvent({
            type: 'cost',
            sectionId,
            live,
            total: { usd: earlierUsd + budget.total, savedUsd: earlierSavedUsd + savedUsd },
          });
        },
      },
    });
  } finally {
    run.end();
  }
  try {
    await input.spend?.add(more.cost.usd ?? 0);
  } catch (err) {
    logger?.warn(`Today's spend could not be stored: ${err instanceof Error ? err.message : String(err)}`);
  }

  const outcome = mergeInto(previous, more, context);
  const message = run.leadWithCap(outcome.message);
  if (message) outcome.message = message;
  const result: MoreExpertsResult = { kind: 'finished', outcome, added };
  if (input.record) result.record = updatedRecord(input.record, outcome, added, input.visibility ?? {});
  return result;
}

/** The review's outcome with the new runs in place (a retry replaces, an addition appends), findings merged again. */
function mergeInto(previous: ReviewOutcome, more: ReviewOutcome, context: GatheredContext): ReviewOutcome {
  const runs: ExpertRun[] = [...previous.experts];
  for (const run of more.experts) {
    const at = runs.findIndex((r) => r.expert.id === run.expert.id);
    if (at >= 0) runs[at] = run;
    else runs.push(run);
  }
  const usable = runs.filter((r) => r.status === 'completed' && !r.result.error).map((r) => r.result);
  const merged = fallbackMerge(usable);
  const failed = runs.filter((r) => r.status === 'failed');
  const outcome: ReviewOutcome = {
    status: usable.length ? 'completed' : previous.status,
    experts: runs,
    synthesis: previous.synthesis,
    merged: {
      summary: previous.merged.summary || merged.summary,
      findings: withVerdicts(
        withFingerprints(withSeenText(merged.findings, context.systemText), context.systemText),
        verdictsOf(previous.merged.findings),
      ),
    },
    findingsFrom: usable.map((u) => u.expertName),
    dropped: runs.flatMap((r) => r.result.dropped ?? []),
    usage: addUsage(previous.usage, more.usage),
    cost: addCosts([previous.cost, more.cost]),
    suppressedByRules: previous.suppressedByRules,
  };
  if (failed.length)
    outcome.message = `${failed.length} of ${runs.length} experts failed: ${failed.map((f) => f.expert.name).join(', ')}.`;
  return outcome;
}

/** The verify pass's verdicts so far, by fingerprint: the re-merge keeps them instead of verifying again. */
const verdictsOf = (findings: readonly Finding[]): Map<string, FindingVerification> =>
  new Map(findings.flatMap((f) => (f.verification ? [[f.id, f.verification] as const] : [])));

/** The stored review with the added lanes (before the synthesis) and the new findings and cost. */
function updatedRecord(
  record: ReviewRecord,
  outcome: ReviewOutcome,
  added: readonly ReviewSection[],
  visibility: VisibilityRules,
): ReviewRecord {
  const synthesisAt = record.sections.findIndex((s) => s.id === SYNTHESIS_ID);
  const sections =
    synthesisAt < 0
      ? [...record.sections, ...added]
      : [...record.sections.slice(0, synthesisAt), ...added, ...record.sections.slice(synthesisAt)];
  const { message: _old, hidden: _hidden, ...rest } = record;
  const { shown, hidden } = partitionFindings(outcome.merged.findings, visibility);
  const next: ReviewRecord = {
    ...rest,
    sections,
    status: outcome.status,
    findings: shown,
    ...(hidden.length > 0 && { hidden }),
    dropped: outcome.dropped.length,
    usage: outcome.usage,
    cost: outcome.cost,
  };
  if (outcome.message) next.message = outcome.message;
  return next;
}
