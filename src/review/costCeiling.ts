// What a review may cost at most, before anything is read or sent: for a tool's confirmation, where
// the code is not gathered yet. The shared block is written to the cache once and read by the rest.
import { costOf, emptyUsage, type CostReport, type PriceTable } from '../core';

export interface CostCeilingInput {
  /** Estimated tokens of the code (capped by the context budget). */
  contextTokens: number;
  /** Experts, plus one for the synthesis when it runs. */
  requests: number;
  /** Output tokens each request may write at most. */
  maxTokens: number;
  model: string;
  prices?: PriceTable;
}

/** The cost if every request wrote its full maxTokens: an upper bound, not a forecast. */
export function reviewCostCeiling(input: CostCeilingInput): CostReport {
  const requests = Math.max(1, input.requests);
  const usage = { ...emptyUsage(), cacheWriteTokens: input.contextTokens, cacheReadTokens: input.contextTokens * (requests - 1), outputTokens: input.maxTokens * requests };
  return costOf(usage, input.model, input.prices);
}
