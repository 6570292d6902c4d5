// After a review: retry an expert that failed or was stopped, or add another one, over the same
// gathered code. The shared block is byte-identical, so within the cache lifetime the new requests
// read the cache the review wrote (and, with the WarmPrefixes registry, go out at once).
import type Anthropic from '@anthropic-ai/sdk';
import { addCosts, addUsage, type ClientConfig, type LimitFunction, type Logger, type WarmPrefixes } from '../../core';
import type { GatheredContext } from '../context';
import type { ExpertDefinition } from '../experts';
import { fallbackMerge, withSeenText } from '../findings';
import { runReview, SYNTHESIS_ID, type ExpertRun, type ReviewOutcome } from '../runReview';
import type { ExpertControls } from './expertControls';
import type { ReviewListener, ReviewSettings } from './ports';

export interface MoreExpertsInput {
  context: GatheredContext;
  /** The review's project-rules block, so the shared prefix (and its cache entry) is the same. */
  rulesText?: string;
  previous: ReviewOutcome;
  /** Experts to run: one with the id of an earlier run replaces it (a retry); others are added. */
  experts: readonly ExpertDefinition[];
  client: Anthropic | ClientConfig;
  settings: ReviewSettings;
  /** status, text and cost events of the experts run here. */
  onEvent: ReviewListener;
  warmPrefixes?: WarmPrefixes;
  controls?: ExpertControls;
  limiter?: LimitFunction;
  signal?: AbortSignal;
  logger?: Logger;
}

/** Runs the experts and returns the review's outcome with their runs in place, findings merged again. */
export async function runMoreExperts(input: MoreExpertsInput): Promise<ReviewOutcome> {
  const { settings, previous, context } = input;
  let total = 0;
  const more = await runReview({
    context,
    ...(input.rulesText && { rulesText: input.rulesText }),
    experts: input.experts,
    client: input.client,
    model: settings.model,
    maxTokens: settings.maxTokens,
    maxWorkers: settings.maxConcurrency,
    strategy: settings.fanOutStrategy,
    synthesis: false,
    ...(input.limiter && { limiter: input.limiter }),
    ...(input.signal && { signal: input.signal }),
    ...(input.logger && { logger: input.logger }),
    ...(settings.prices && { prices: settings.prices }),
    ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
    ...(input.warmPrefixes && { warmPrefixes: input.warmPrefixes }),
    ...(input.controls && { expertSignals: input.controls.signalsFor(input.experts.map((e) => e.id)) }),
    events: {
      // The review's synthesis section is not touched: it still describes the first run.
      status: (sectionId, status, note) => {
        if (sectionId !== SYNTHESIS_ID) input.onEvent(note === undefined ? { type: 'status', sectionId, status } : { type: 'status', sectionId, status, note });
      },
      text: (sectionId, text) => input.onEvent({ type: 'text', sectionId, text }),
      cost: (sectionId, live) => {
        if (live.final) total += live.usd ?? 0;
        input.onEvent({ type: 'cost', sectionId, live, total: { usd: total, savedUsd: live.savedUsd ?? 0 } });
      },
    },
  });

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
    merged: { summary: previous.merged.summary || merged.summary, findings: withSeenText(merged.findings, context.systemText) },
    findingsFrom: usable.map((u) => u.expertName),
    dropped: runs.flatMap((r) => r.result.dropped ?? []),
    usage: addUsage(previous.usage, more.usage),
    cost: addCosts([previous.cost, more.cost]),
    suppressedByRules: previous.suppressedByRules,
  };
  if (failed.length) outcome.message = `${failed.length} of ${runs.length} experts failed: ${failed.map((f) => f.expert.name).join(', ')}.`;
  return outcome;
}
