// What a fan-out will cost before it runs. Input is exact when the token counts come from the API's
// count_tokens endpoint; output is a range (replies vary), so the price is a range too.
import type Anthropic from '@anthropic-ai/sdk';
import type { SdkClient } from './client';
import { capabilitiesOf } from './providers/capabilities';
import { minCacheableTokens } from './models';
import {
  CACHE_READ_MULTIPLIER,
  CACHE_WRITE_1H_MULTIPLIER,
  CACHE_WRITE_MULTIPLIER,
  findPrice,
  type PriceTable,
} from './pricing';
import { estimateTokens } from './tokens';
import type { MessageParam, SystemInput } from './types';
import type { CacheTtl } from './warmPrefixes';

export interface FanOutEstimateInput {
  /** Tokens of the shared (cached) block, counted once. */
  sharedTokens: number;
  /** One per request: its model and the tokens it sends beyond the shared block. */
  requests: Array<{ model: string; ownTokens: number }>;
  /** Output tokens a reply is expected to take, low and high. */
  outputTokens: { low: number; high: number };
  /**
   * Whether the shared block carries a cache breakpoint (false: every request pays it as input). A
   * block below a model's minimum cacheable length is not cached on that model whatever this says.
   */
  cached: boolean;
  cacheTtl?: CacheTtl;
  /** Models whose shared prefix is known to be warm: their first request reads instead of writing. */
  isWarm?: (model: string) => boolean;
  prices?: PriceTable;
}

export interface FanOutEstimate {
  requests: number;
  /** Input tokens of one request's shared block. */
  sharedTokens: number;
  /** Every input token sent, however billed. */
  inputTokens: number;
  /** Requests expected to write the shared block (one per model not known warm). */
  cacheWrites: number;
  cacheReads: number;
  /** Input-side cost alone (plain input, cache writes, cache reads). */
  inputUsd: number;
  lowUsd: number;
  highUsd: number;
  /** Models with no known price (left out of the dollar figures). */
  unpriced: string[];
}

/** Cache-aware fan-out economics: per model, one write and the rest reads. */
export function estimateFanOut(input: FanOutEstimateInput): FanOutEstimate {
  const writeMultiplier = input.cacheTtl === '1h' ? CACHE_WRITE_1H_MULTIPLIER : CACHE_WRITE_MULTIPLIER;
  const written = new Set<string>();
  const unpriced = new Set<string>();
  const out: FanOutEstimate = {
    requests: input.requests.length,
    sharedTokens: input.sharedTokens,
    inputTokens: 0,
    cacheWrites: 0,
    cacheReads: 0,
    inputUsd: 0,
    lowUsd: 0,
    highUsd: 0,
    unpriced: [],
  };
  for (const { model, ownTokens } of input.requests) {
    out.inputTokens += input.sharedTokens + ownTokens;
    let sharedMultiplier = 1;
    if (input.cached && input.sharedTokens >= minCacheableTokens(model)) {
      if (written.has(model) || input.isWarm?.(model)) {
        out.cacheReads++;
        sharedMultiplier = CACHE_READ_MULTIPLIER;
      } else {
        written.add(model);
        out.cacheWrites++;
        sharedMultiplier = writeMultiplier;
      }
    }
    const price = findPrice(model, input.prices);
    if (!price) {
      unpriced.add(model);
      continue;
    }
    // A table's own cache prices win for 5-minute writes and for reads, as costOf does.
    const sharedPrice =
      sharedMultiplier === CACHE_READ_MULTIPLIER
        ? (price.cacheRead ?? price.input * CACHE_READ_MULTIPLIER)
        : sharedMultiplier === CACHE_WRITE_MULTIPLIER
          ? (price.cacheWrite ?? price.input * CACHE_WRITE_MULTIPLIER)
          : price.input * sharedMultiplier;
    const inputUsd = (input.sharedTokens * sharedPrice + ownTokens * price.input) / 1e6;
    out.inputUsd += inputUsd;
    out.lowUsd += inputUsd + (input.outputTokens.low * price.output) / 1e6;
    out.highUsd += inputUsd + (input.outputTokens.high * price.output) / 1e6;
  }
  out.unpriced = [...unpriced];
  return out;
}

/** Why a count is local: the provider has no counting endpoint (Bedrock), or it could not be reached. */
export type LocalCountReason = 'unsupported' | 'unreachable';

/**
 * Input tokens of a request, counted by the API (`POST /v1/messages/count_tokens`), or estimated
 * locally when the provider has no such endpoint (Bedrock) or it cannot be reached (offline, a proxy
 * without it). Never throws.
 */
export async function countInputTokens(
  client: SdkClient,
  request: { model: string; system?: SystemInput; messages: MessageParam[]; tools?: unknown[] },
  signal?: AbortSignal,
): Promise<{ tokens: number; counted: 'api' | 'local'; reason?: LocalCountReason }> {
  if (!capabilitiesOf(client).countTokens) return { ...localCount(request), reason: 'unsupported' };
  try {
    const params = {
      model: request.model,
      messages: request.messages,
      ...(request.system !== undefined && { system: request.system }),
      ...(request.tools?.length && { tools: request.tools as Anthropic.Messages.MessageCountTokensTool[] }),
    };
    const reply = await client.messages.countTokens(params, {
      ...(signal && { signal }),
      maxRetries: 0,
      timeout: 10_000,
    });
    return { tokens: reply.input_tokens, counted: 'api' };
  } catch {
    return { ...localCount(request), reason: 'unreachable' };
  }
}

function localCount(request: { system?: SystemInput; messages: MessageParam[]; tools?: unknown[] }): {
  tokens: number;
  counted: 'local';
} {
  const system =
    request.system === undefined
      ? ''
      : typeof request.system === 'string'
        ? request.system
        : request.system.map((b) => b.text).join('\n');
  const messages = request.messages
    .map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)))
    .join('\n');
  const tools = request.tools?.length ? JSON.stringify(request.tools) : '';
  return { tokens: estimateTokens(system) + estimateTokens(messages) + estimateTokens(tools), counted: 'local' };
}
