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
import { renderFileListing, renderSystemText } from '../context/renderListing';
import { resolveModelAlias, type ExpertDefinition } from '../experts';
import { expertLanes } from '../passes';
import { expertPrompt } from '../prompts';
import type { SharedBlock } from '../sharedBlock';

/** Output a review reply takes, low and high (JSON findings: a summary and a handful of findings). */
export const EXPERT_OUTPUT_TOKENS = { low: 350, high: 1500 };
/** The synthesis prompt carries every expert's findings: about this many tokens per expert (measured on the demo reviews). */
const SYNTHESIS_TOKENS_PER_EXPERT = 250;
/** A verifier request beyond the shared block (its rules and the finding), and its short answer. */
const VERIFIER_OWN_TOKENS = 700;
const VERIFIER_OUTPUT_TOKENS = { low: 60, high: 200 };

export interface ReviewEstimate extends FanOutEstimate {
  experts: number;
  /** 'api' when count_tokens answered, 'local' for the offline estimate. */
  counted: 'api' | 'local';
  /**
   * With verification on: what one verifier request costs at most (it reads the shared block from the
   * cache the experts wrote). How many run depends on the findings, so it is not in lowUsd/highUsd.
   */
  verifyUsdPerFinding?: number;
  /**
   * 'unsupported' when the count is local because the provider has no count_tokens (Amazon Bedrock), which
   * the estimate says; an unreachable endpoint is only `counted: 'local'`, as the picker's own estimate is.
   */
  localReason?: 'unsupported';
}

export interface ReviewEstimateInput {
  client: Anthropic | ClientConfig;
  /** The shared block, as the requests will send it and as the warm-cache registry knows it. */
  block: Pick<SharedBlock, 'system' | 'prefixKey'>;
  experts: readonly ExpertDefinition[];
  model: string;
  maxTokens: number;
  synthesis: boolean;
  /** The verify pass, when on: its per-finding cost is added to the estimate. */
  verify?: 'off' | 'high-severity' | 'all';
  /** review.passes: each extra pass of correctness and security is one more request, a cache read. */
  passes?: number;
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
  const counted = shared!.counted === 'api' && perExpert.every((c) => c.counted === 'api') ? 'api' : 'local';
  const unsupported = [shared!, ...perExpert].some((c) => c.reason === 'unsupported');
  const estimate = fanOutEstimate(
    sharedTokens,
    perExpert.map((c) => Math.max(0, c.tokens - sharedTokens)),
    input,
    counted,
    input.warmPrefixes && ((model: string) => input.warmPrefixes!.isWarm(model, input.block.prefixKey)),
  );
  return unsupported ? { ...estimate, localReason: 'unsupported' } : estimate;
}

/** How a run is shaped, for the estimate: every surface passes the same settings. */
export type EstimateShape = Pick<
  ReviewEstimateInput,
  'experts' | 'model' | 'maxTokens' | 'synthesis' | 'verify' | 'cacheTtl' | 'prices' | 'passes'
>;

/**
 * The one cost model behind every estimate (the picker, a tool's confirmation, the review's own, the
 * log): the shared block and each expert's own tokens, the synthesis request, output capped by
 * maxTokens, and the fan-out's cache economics. Only how the tokens were counted differs.
 */
function fanOutEstimate(
  sharedTokens: number,
  expertTokens: readonly number[],
  shape: EstimateShape,
  counted: ReviewEstimate['counted'],
  isWarm?: (model: string) => boolean,
): ReviewEstimate {
  // Extra passes come after every first pass, so the fan-out's cache economics price them as reads
  // of the block the first request wrote; their own tokens are their expert's (the pass note is short).
  const requests = expertLanes(shape.experts, shape.passes).map((lane) => ({
    model: resolveModelAlias(lane.expert.model, shape.model),
    ownTokens: expertTokens[shape.experts.indexOf(lane.expert)] ?? 0,
  }));
  if (shape.synthesis && shape.experts.length > 1)
    requests.push({ model: shape.model, ownTokens: SYNTHESIS_TOKENS_PER_EXPERT * shape.experts.length });
  const outputTokens = {
    low: Math.min(EXPERT_OUTPUT_TOKENS.low, shape.maxTokens),
    high: Math.min(EXPERT_OUTPUT_TOKENS.high, shape.maxTokens),
  };
  const estimate = estimateFanOut({
    sharedTokens,
    requests,
    outputTokens,
    cached: true,
    ...(shape.cacheTtl && { cacheTtl: shape.cacheTtl }),
    ...(isWarm && { isWarm }),
    ...(shape.prices && { prices: shape.prices }),
  });
  const verifying = shape.verify && shape.verify !== 'off' && !estimate.unpriced.includes(shape.model);
  return {
    ...estimate,
    experts: shape.experts.length,
    counted,
    ...(verifying && { verifyUsdPerFinding: verifierUsd(sharedTokens, shape) }),
  };
}

/** One verifier request: a cache read of the shared block (the experts wrote it), its own prompt, a short answer. */
function verifierUsd(sharedTokens: number, shape: EstimateShape): number {
  return estimateFanOut({
    sharedTokens,
    requests: [{ model: shape.model, ownTokens: VERIFIER_OWN_TOKENS }],
    outputTokens: VERIFIER_OUTPUT_TOKENS,
    cached: true,
    isWarm: () => true,
    ...(shape.prices && { prices: shape.prices }),
  }).highUsd;
}

/** "5 experts · 21k tokens · ≈ $0.05–0.09" (tokens: the shared code block). */
export function formatEstimate(
  e: Pick<ReviewEstimate, 'experts' | 'sharedTokens' | 'lowUsd' | 'highUsd' | 'unpriced' | 'counted'> &
    Partial<Pick<ReviewEstimate, 'verifyUsdPerFinding' | 'localReason'>>,
): string {
  const tokens = e.sharedTokens >= 1000 ? `${Math.round(e.sharedTokens / 1000)}k` : String(e.sharedTokens);
  const price = e.unpriced.length && e.highUsd === 0 ? 'cost unknown' : formatPriceRange(e.lowUsd, e.highUsd);
  // Said, not hidden behind the "~": the provider cannot count, so the figure is a local estimate.
  const note = e.localReason === 'unsupported' ? ' (local count: this provider has no token counting)' : '';
  const verify =
    e.verifyUsdPerFinding === undefined ? '' : ` · verify ≤ ${usd(e.verifyUsdPerFinding)} a finding (cache reads)`;
  return `${e.experts} expert${e.experts === 1 ? '' : 's'} · ${e.counted === 'local' ? '~' : ''}${tokens} tokens${note} · ${price}${verify}`;
}

/** "≈ $0.03–0.09": an estimate's price, as every surface shows it (the picker, the log, a finished review). */
export const formatPriceRange = (lowUsd: number, highUsd: number): string =>
  `≈ ${usd(lowUsd)}–${usd(highUsd).slice(1)}`;

const usd = (v: number): string => (v < 0.01 ? `$${v.toFixed(3)}` : `$${v.toFixed(2)}`);

/**
 * A rough estimate without a client (the picker, before a key is asked for; a tool's confirmation):
 * the same cost model as the review's own, with tokens counted locally, of the shared block's text or
 * of its size in tokens when the code is not read yet.
 */
export function localEstimate(shared: string | number, shape: EstimateShape): ReviewEstimate {
  const sharedTokens = typeof shared === 'number' ? shared : estimateTokens(shared);
  return fanOutEstimate(
    sharedTokens,
    shape.experts.map((e) => estimateTokens(expertPrompt(e))),
    shape,
    'local',
  );
}

/** The shared block a review of one whole file sends (without the project's rules), for a local estimate. */
export function fileBlockText(path: string, text: string): string {
  return renderSystemText('paths', [renderFileListing(path, text.split('\n'), 1)], 0);
}

/**
 * A review in context groups: every group's block counted, summed. Each group's count requests listen on a
 * signal of their own that follows `signal` (AbortSignal.any adds no listener to it, so many groups do not
 * pile listeners on one signal).
 */
export async function estimateGroups(
  blocks: readonly ReviewEstimateInput['block'][],
  input: Omit<ReviewEstimateInput, 'block'>,
): Promise<ReviewEstimate> {
  const { signal, ...rest } = input;
  return sumEstimates(
    await Promise.all(
      blocks.map((block) => estimateReview({ ...rest, block, ...(signal && { signal: AbortSignal.any([signal]) }) })),
    ),
  );
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
    // A verifier reads its own group's block: the dearest group bounds one verifier's cost.
    ...(estimates.some((e) => e.verifyUsdPerFinding !== undefined) && {
      verifyUsdPerFinding: Math.max(...estimates.map((e) => e.verifyUsdPerFinding ?? 0)),
    }),
  };
}
