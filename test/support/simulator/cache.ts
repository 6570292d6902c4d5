// Prompt caching as documented for the Messages API, simplified:
// - Blocks with cache_control are breakpoints (at most 4). The cached prefix of a breakpoint is every
//   prompt block up to and including it (tools, system, messages), hashed canonically per model.
// - Lookup: from each breakpoint the cache is checked at that block boundary and the boundaries before
//   it, LOOKBACK_BLOCKS positions in all (the breakpoint counts as the first). The longest live hit is
//   read; its TTL is refreshed.
// - Write: every breakpoint past the hit whose prefix reaches minCacheableTokens(model) is written.
//   cache_creation_input_tokens = tokens from the hit up to the last breakpoint; input_tokens = the rest.
// - A written entry becomes available to other requests only when commit() is called, which the server
//   does when the writing response begins (message_start). Requests planned before that write (and pay)
//   the same entry themselves.
import { createHash } from 'node:crypto';
import type { PromptBlock } from './prompt';
import { minCacheableTokens } from './tokens';

export const MAX_BREAKPOINTS = 4;
export const LOOKBACK_BLOCKS = 20;
export const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

interface Entry {
  tokens: number;
  ttlMs: number;
  expiresAt: number;
}

export interface CachePlan {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  /** Entries this request writes; they become available on commit(). */
  writes: { key: string; tokens: number; ttlMs: number }[];
  /** The cache generation the plan was made in; commits after a clear() are dropped. */
  generation: number;
}

export function countBreakpoints(blocks: PromptBlock[]): number {
  return blocks.filter((b) => b.breakpoint).length;
}

/** Prefix keys: key[i] identifies blocks 0..i of a request for `model`. */
function prefixKeys(model: string, blocks: PromptBlock[]): string[] {
  const keys: string[] = [];
  let prev = createHash('sha256').update(`model:${model}`).digest('hex');
  for (const block of blocks) {
    prev = createHash('sha256').update(prev).update('\n').update(block.canonical).digest('hex');
    keys.push(prev);
  }
  return keys;
}

export class PromptCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.generation += 1;
  }

  /** Works out usage for a request, refreshing the TTL of the entry it reads. Writes nothing yet. */
  plan(model: string, blocks: PromptBlock[]): CachePlan {
    const total = blocks.reduce((s, b) => s + b.tokens, 0);
    const cumulative: number[] = [];
    blocks.reduce((s, b, i) => (cumulative[i] = s + b.tokens), 0);
    const breakpoints = blocks.flatMap((b, i) => (b.breakpoint ? [i] : []));
    const plan: CachePlan = {
      input_tokens: total,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      writes: [],
      generation: this.generation,
    };
    if (breakpoints.length === 0) return plan;

    const keys = prefixKeys(model, blocks);
    const now = this.now();
    let hit = -1;
    for (const bp of breakpoints) {
      for (let p = bp; p >= 0 && p > bp - LOOKBACK_BLOCKS && p > hit; p--) {
        const entry = this.entries.get(keys[p] ?? '');
        if (!entry) continue;
        if (entry.expiresAt <= now) {
          this.entries.delete(keys[p] ?? '');
          continue;
        }
        hit = p;
        break;
      }
    }
    let covered = 0;
    if (hit >= 0) {
      const entry = this.entries.get(keys[hit] ?? '');
      if (entry) entry.expiresAt = now + entry.ttlMs;
      covered = cumulative[hit] ?? 0;
      plan.cache_read_input_tokens = covered;
    }
    const min = minCacheableTokens(model);
    for (const bp of breakpoints) {
      const tokens = cumulative[bp] ?? 0;
      const ttl = blocks[bp]?.breakpoint?.ttl ?? '5m';
      if (bp <= hit || tokens < min) continue;
      plan.writes.push({ key: keys[bp] ?? '', tokens, ttlMs: TTL_MS[ttl] });
      const segment = tokens - covered;
      plan.cache_creation_input_tokens += segment;
      if (ttl === '1h') plan.cache_creation.ephemeral_1h_input_tokens += segment;
      else plan.cache_creation.ephemeral_5m_input_tokens += segment;
      covered = tokens;
    }
    plan.input_tokens = total - covered;
    return plan;
  }

  /** Makes a plan's writes available to later requests (called when its response begins). */
  commit(plan: CachePlan): void {
    if (plan.generation !== this.generation) return;
    const now = this.now();
    for (const w of plan.writes)
      this.entries.set(w.key, { tokens: w.tokens, ttlMs: w.ttlMs, expiresAt: now + w.ttlMs });
  }
}
