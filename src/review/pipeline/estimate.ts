// Step 4 of the pipeline: what the run will cost, before any request. The shared block and each
// expert's prompt are counted by the API's count_tokens endpoint (exact; no request is run), or
// estimated locally when it cannot be reached; the fan-out's cache economics (one write per model
// not known warm, reads for the rest) and the price table turn the counts into a range.
import type Anthropic from '@anthropic-ai/sdk';
import {
  countInputTokens,
  estimateFanOut,
  estimateTokens,
  resolveClient,
  type CacheTtl,
  type ClientConfig,
  type FanOutEstimate,
  type PriceTable,
  type WarmPrefixes,
} from '../../core';
import { resolveModelAlias, type ExpertDefinition } from '../experts';
import { expertPrompt } from '../prompts';
import type { SharedBlock } from '../sharedBlock';

/** Output a review reply takes, low and high (JSON findings: a summary and a handful of findings). */
export const EXPERT_OUTPUT_TOKENS = { low: 350, high: 1500 };
/** The synthesis prompt carries every expert's findings: about this many tokens per expert (measured on the demo reviews). */
const SYNTHESIS_TOKENS_PER_EXPERT = 250;

export interface ReviewEstimate extends FanOutEstimate {
  experts: number;
  /** 'api' when count_tokens answered, 'local' for the offline estimate. */
  counted: 'api' | 'local';
  /** Why the count is local: 'unsupported' when the provider has no count_tokens (Amazon Bedrock). */
  localReason?: 'unsupported' | 'unreachable';
}

export interface ReviewEstimateInput {
  client: Anthropic | ClientConfig;
  /** The shared block, as the requests will send it and as the warm-cache registry knows it. */
  block: Pick<SharedBlock, 'system' | 'prefixKey'>;
  experts: readonly ExpertDefinition[];
  model: string;
  maxTokens: number;
  synthesis: boolean;
  cacheTtl?: CacheTtl;
  warmPrefixes?: WarmPrefixes;
  prices?: PriceTable;
  signal?: AbortSignal;
}

export async function estimateReview(input: ReviewEstimateInput): Promise<ReviewEstimate> {
  const client = resolveClient(input.client);
  const models = input.experts.map((e) => resolveModelAlias(e.model, input.model));
  const count = (model: string, prompt: string) =>
    countInputTokens(
      client,
      { model, system: input.block.system, messages: [{ role: 'user', content: prompt }] },
      input.signal,
    );
  // The shared block alone: the same request with a one-character message, less that character.
  const [shared, ...perExpert] = await Promise.all([
    count(input.model, '.'),
    ...input.experts.map((e, i) => count(models[i]!, expertPrompt(e))),
  ]);
  const sharedTokens = Math.max(0, shared!.tokens - 1);
  const requests = perExpert.map((c, i) => ({ model: models[i]!, ownTokens: Math.max(0, c.tokens - sharedTokens) }));
  if (input.synthesis && input.experts.length > 1)
    requests.push({ model: input.model, ownTokens: SYNTHESIS_TOKENS_PER_EXPERT * input.experts.length });
  const outputTokens = {
    low: Math.min(EXPERT_OUTPUT_TOKENS.low, input.maxTokens),
    high: Math.min(EXPERT_OUTPUT_TOKENS.high, input.maxTokens),
  };
  const estimate = estimateFanOut({
    sharedTokens,
    requests,
    outputTokens,
    cached: true,
    ...(input.cacheTtl && { cacheTtl: input.cacheTtl }),
    ...(input.warmPrefixes && { isWarm: (model: string) => input.warmPrefixes!.isWarm(model, input.block.prefixKey) }),
    ...(input.prices && { prices: input.prices }),
  });
  const counted = shared!.counted === 'api' && perExpert.every((c) => c.counted === 'api') ? 'api' : 'local';
  const localReason = [shared!, ...perExpert].find((c) => c.reason)?.reason;
  return { ...estimate, experts: input.experts.length, counted, ...(localReason && { localReason }) };
}

/** "5 experts · 21k tokens · ≈ $0.05–0.09" (tokens: the shared code block). */
export function formatEstimate(
  e: Pick<ReviewEstimate, 'experts' | 'sharedTokens' | 'lowUsd' | 'highUsd' | 'unpriced' | 'counted' | 'localReason'>,
): string {
  const tokens = e.sharedTokens >= 1000 ? `${Math.round(e.sharedTokens / 1000)}k` : String(e.sharedTokens);
  const price = e.unpriced.length && e.highUsd === 0 ? 'cost unknown' : `≈ ${usd(e.lowUsd)}–${usd(e.highUsd).slice(1)}`;
  // Said, not hidden behind the "~": the provider cannot count, so the figure is a local estimate.
  const note = e.localReason === 'unsupported' ? ' (local count: this provider has no token counting)' : '';
  return `${e.experts} expert${e.experts === 1 ? '' : 's'} · ${e.counted === 'local' ? '~' : ''}${tokens} tokens${note} · ${price}`;
}

const usd = (v: number): string => (v < 0.01 ? `$${v.toFixed(3)}` : `$${v.toFixed(2)}`);

/**
 * A rough estimate without a client (the picker, before a key is asked for): of the shared block's text,
 * or of its size in tokens when the code is not read yet (a tool's confirmation).
 */
export function localEstimate(
  shared: string | number,
  experts: readonly ExpertDefinition[],
  model: string,
  prices?: PriceTable,
): ReviewEstimate {
  const sharedTokens = typeof shared === 'number' ? shared : estimateTokens(shared);
  const requests = experts.map((e) => ({
    model: resolveModelAlias(e.model, model),
    ownTokens: estimateTokens(expertPrompt(e)),
  }));
  return {
    ...estimateFanOut({
      sharedTokens,
      requests,
      outputTokens: EXPERT_OUTPUT_TOKENS,
      cached: true,
      ...(prices && { prices }),
    }),
    experts: experts.length,
    counted: 'local',
  };
}

/** Several groups' estimates as one (a review split into context groups): counts and prices add up. */
export function sumEstimates(estimates: readonly ReviewEstimate[]): ReviewEstimate {
  const [first, ...rest] = estimates;
  if (!rest.length) return first!;
  const sum = (pick: (e: ReviewEstimate) => number) => estimates.reduce((n, e) => n + pick(e), 0);
  return {
    requests: sum((e) => e.requests),
    sharedTokens: sum((e) => e.sharedTokens),
    inputTokens: sum((e) => e.inputTokens),
    cacheWrites: sum((e) => e.cacheWrites),
    cacheReads: sum((e) => e.cacheReads),
    inputUsd: sum((e) => e.inputUsd),
    lowUsd: sum((e) => e.lowUsd),
    highUsd: sum((e) => e.highUsd),
    unpriced: [...new Set(estimates.flatMap((e) => e.unpriced))],
    experts: first!.experts,
    counted: estimates.every((e) => e.counted === 'api') ? 'api' : 'local',
  };
}
