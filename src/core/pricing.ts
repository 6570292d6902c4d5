import { canonicalModelName } from './providers/modelIds';
import type { Usage } from './usage';

/** USD per million tokens. Cache prices default to the API's multipliers of the input price. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheWrite?: number;
  cacheRead?: number;
}
export type PriceTable = Record<string, ModelPrice>;

/**
 * Published prices (platform.claude.com pricing and model pages, read 2026-11-24). Keys match a model id
 * exactly or as a prefix of a dated id. Models missing here are reported as unknown cost, never guessed.
 */
export const DEFAULT_PRICES: PriceTable = {
  'claude-opus-5-5': { input: 4, output: 20 },
  'claude-sonnet-5-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-opus-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-5': { input: 2, output: 10, cacheWrite: 2.5, cacheRead: 0.2 },
  'claude-opus-4-8': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-7': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-6': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-opus-4-5': { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 },
  'claude-sonnet-4-6': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-sonnet-4-5': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
  'claude-haiku-4-5': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 },
};

export const CACHE_WRITE_MULTIPLIER = 1.25;
/** Writing with the 1-hour lifetime (`ttl: '1h'`) costs twice the input price. */
export const CACHE_WRITE_1H_MULTIPLIER = 2;
export const CACHE_READ_MULTIPLIER = 0.1;

export interface CostReport {
  /** What the usage costs, or undefined when the model has no known price. */
  usd: number | undefined;
  /** What the same calls would have cost with every cached token billed as plain input. */
  uncachedUsd: number | undefined;
  /** Input-side cost alone (input, cache writes, cache reads): what caching changes. */
  inputUsd: number | undefined;
}

export function findPrice(id: string, table: PriceTable = DEFAULT_PRICES): ModelPrice | undefined {
  if (table[id]) return table[id];
  // A Bedrock or Vertex id (us.anthropic.claude-…-v1:0, claude-…@2025…) is priced as our name for it.
  const model = canonicalModelName(id);
  if (table[model]) return table[model];
  // Dated ids (claude-haiku-4-5-20251001) fall back to their alias; the longest alias wins.
  const key = Object.keys(table)
    .filter((k) => model.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  return key ? table[key] : undefined;
}

export function costOf(usage: Usage, model: string, table: PriceTable = DEFAULT_PRICES): CostReport {
  const price = findPrice(model, table);
  if (!price) return { usd: undefined, uncachedUsd: undefined, inputUsd: undefined };
  const write = price.cacheWrite ?? price.input * CACHE_WRITE_MULTIPLIER;
  const read = price.cacheRead ?? price.input * CACHE_READ_MULTIPLIER;
  const hourWrites = Math.min(usage.cacheWrite1hTokens ?? 0, usage.cacheWriteTokens);
  const writesUsd =
    (usage.cacheWriteTokens - hourWrites) * write + hourWrites * price.input * CACHE_WRITE_1H_MULTIPLIER;
  const inputUsd = (usage.inputTokens * price.input + writesUsd + usage.cacheReadTokens * read) / 1e6;
  const outputUsd = (usage.outputTokens * price.output) / 1e6;
  const uncachedInput = ((usage.inputTokens + usage.cacheWriteTokens + usage.cacheReadTokens) * price.input) / 1e6;
  return { usd: inputUsd + outputUsd, uncachedUsd: uncachedInput + outputUsd, inputUsd };
}

/** Adds cost reports; unknown stays unknown only if every part is unknown. */
export function addCosts(reports: CostReport[]): CostReport {
  const sum = (pick: (r: CostReport) => number | undefined): number | undefined => {
    const known = reports.map(pick).filter((v): v is number => v !== undefined);
    return known.length ? known.reduce((a, b) => a + b, 0) : undefined;
  };
  return { usd: sum((r) => r.usd), uncachedUsd: sum((r) => r.uncachedUsd), inputUsd: sum((r) => r.inputUsd) };
}

/**
 * The one way a cost is written, everywhere (panel, status bar, chat, logs, exports): four decimals,
 * because a review's cost is usually a fraction of a cent and mixed precisions read as different units.
 */
export function formatUsd(usd: number | undefined): string {
  if (usd === undefined) return 'unknown';
  return `$${usd.toFixed(4)}`;
}
