// Cost of one request while it streams: input and cache counts from its `message_start`, output
// estimated from the text so far until the API's final count arrives. Lets a panel show live cost
// and a budget stop a run before the money is spent, not after.
import { costOf, minCacheableTokens, type ClaudeResult, type PriceTable, type StreamStart, type Usage } from '../core';

/** Whether this request wrote the shared block to the cache, read it, or neither. */
export type CacheStatus = 'written' | 'read' | 'missed';

export interface LiveCost {
  usage: Usage;
  /** Undefined when the model has no known price. */
  usd: number | undefined;
  /** What caching saved on this request so far (positive), or cost extra (a write, negative). */
  savedUsd: number | undefined;
  cache?: CacheStatus;
  /**
   * With `cache: 'missed'` when the prefix meant for the cache (the shared code and rules) was shorter
   * than the least the model caches: that minimum in tokens (nothing was wrong, there was too little).
   */
  cacheMinimum?: number;
  /** True once the request has ended and the counts are the API's own. */
  final: boolean;
}

/** Output tokens between two updates while streaming: often enough for a budget, rarely enough for a panel. */
const UPDATE_EVERY_TOKENS = 24;

export class LiveCostMeter {
  private start: Usage | undefined;
  private cache: CacheStatus | undefined;
  private chars = 0;
  private reportedTokens = 0;

  /**
   * `cachedPrefixTokens`: about how long the prefix meant for the cache is. Without it, the whole prompt
   * is the measure (a miss is then put down to the minimum only when even the whole prompt is below it).
   */
  constructor(
    private readonly model: string,
    private readonly onChange: (live: LiveCost) => void,
    private readonly prices?: PriceTable,
    private readonly cachedPrefixTokens?: number,
  ) {}

  started(start: StreamStart): void {
    this.start = start.usage;
    this.cache = start.usage.cacheReadTokens > 0 ? 'read' : start.usage.cacheWriteTokens > 0 ? 'written' : 'missed';
    this.report(start.usage, false);
  }

  text(chunk: string): void {
    if (!this.start) return;
    this.chars += chunk.length;
    const tokens = Math.ceil(this.chars / 4); // estimateTokens' rule, on a running count
    if (tokens - this.reportedTokens < UPDATE_EVERY_TOKENS) return;
    this.reportedTokens = tokens;
    this.report({ ...this.start, outputTokens: tokens, estimated: true }, false);
  }

  done(result: ClaudeResult): void {
    if (result.usage.cacheReadTokens > 0) this.cache = 'read';
    else if (result.usage.cacheWriteTokens > 0) this.cache = 'written';
    this.report(result.usage, true);
  }

  private report(usage: Usage, final: boolean): void {
    const cost = costOf(usage, this.model, this.prices);
    const live: LiveCost = {
      usage,
      usd: cost.usd,
      savedUsd: cost.usd === undefined || cost.uncachedUsd === undefined ? undefined : cost.uncachedUsd - cost.usd,
      final,
    };
    if (this.cache) live.cache = this.cache;
    const minimum = minCacheableTokens(this.model);
    if (this.cache === 'missed' && (this.cachedPrefixTokens ?? promptTokens(usage)) < minimum)
      live.cacheMinimum = minimum;
    this.onChange(live);
  }
}

/** Every input token of a request, however billed. */
const promptTokens = (u: Usage): number => u.inputTokens + u.cacheWriteTokens + u.cacheReadTokens;
