import type { Logger } from './logger';
import { minCacheableTokens } from './models';
import { generousTokensForChars } from './tokens';
import type { ContentBlockParam, MessageParam, SystemInput, TextBlockParam } from './types';
import type { CacheTtl } from './warmPrefixes';

/** The API rejects a request with more blocks marked for caching than this. */
export const MAX_CACHE_BREAKPOINTS = 4;

// The 5-minute lifetime is the API's default: leaving `ttl` out keeps request bodies as they were.
const ephemeral = (ttl: CacheTtl | undefined) =>
  ttl === '1h' ? ({ type: 'ephemeral', ttl: '1h' } as const) : ({ type: 'ephemeral' } as const);

type Cacheable = { cache_control?: unknown };

/** A shared system prefix as WarmPrefixes knows it: its blocks' text (estimates ask with the same key). */
export const sharedPrefixKey = (system: SystemInput): string =>
  toSystemBlocks(system)
    .map((b) => b.text)
    .join('\u0000');

export const toSystemBlocks = (system: SystemInput | undefined): TextBlockParam[] =>
  system === undefined
    ? []
    : typeof system === 'string'
      ? system
        ? [{ type: 'text', text: system }]
        : []
      : system.map((b) => ({ ...b }));

const toContentBlocks = (content: MessageParam['content']): ContentBlockParam[] =>
  typeof content === 'string' ? [{ type: 'text', text: content }] : content.map((b) => ({ ...b }));

const hasBreakpoint = (block: unknown): boolean => Boolean((block as Cacheable).cache_control);

function blockText(block: unknown): string {
  const b = block as { text?: unknown; content?: unknown; input?: unknown };
  if (typeof b.text === 'string') return b.text;
  if (typeof b.content === 'string') return b.content;
  return JSON.stringify(b.content ?? b.input ?? '');
}

/** What a request will carry, and which cache breakpoints were placed or skipped and why. */
export interface CachePlan {
  system: TextBlockParam[];
  messages: MessageParam[];
  breakpoints: number;
  /** True when the shared system block carries a breakpoint: a cache-aware fan-out then pays off. */
  sharedCached: boolean;
  /** The shared block's text: with the model, what identifies its cache entry (see WarmPrefixes). */
  sharedPrefix: string;
  skipped: string[];
}

export interface CachePlanInput {
  model: string;
  /**
   * Context common to several requests; goes first so that its prefix is byte-identical across them.
   * With cacheSharedSystem, its last block is marked first, then each earlier block while breakpoints remain.
   */
  sharedSystem?: SystemInput;
  cacheSharedSystem?: boolean;
  system?: SystemInput;
  cacheSystem?: boolean;
  messages: MessageParam[];
  /** Mark the newest message: caches the prompt, or in a conversation the whole history so far. */
  cacheLastMessage?: boolean;
  /** Cache lifetime of the breakpoints placed here (default 5 minutes; 1 hour costs 2× input to write). */
  ttl?: CacheTtl;
}

/**
 * Places cache breakpoints, most valuable first (shared block, own system, newest message), never
 * beyond the API's limit and never on a prefix surely below the model's minimum cacheable length.
 * Inputs are copied; the caller's blocks and history are not modified.
 */
export function planCache(input: CachePlanInput, logger?: Logger): CachePlan {
  const shared = toSystemBlocks(input.sharedSystem);
  const own = toSystemBlocks(input.system);
  const messages = input.messages.map((m) => ({ ...m, content: toContentBlocks(m.content) }) as MessageParam);
  const skipped: string[] = [];
  const min = minCacheableTokens(input.model);

  let existing = [...shared, ...own].filter(hasBreakpoint).length;
  for (const m of messages) existing += (m.content as unknown[]).filter(hasBreakpoint).length;
  let budget = MAX_CACHE_BREAKPOINTS - existing;

  let prefixChars = 0;
  const tryMark = (what: string, block: Cacheable | undefined, prefix: number): boolean => {
    if (!block || hasBreakpoint(block)) return false;
    const tokens = generousTokensForChars(prefix);
    if (tokens < min) {
      skipped.push(`${what}: about ${tokens} tokens, below the ${min}-token minimum ${input.model} caches`);
      return false;
    }
    if (budget <= 0) {
      skipped.push(`${what}: the API allows at most ${MAX_CACHE_BREAKPOINTS} cache breakpoints`);
      return false;
    }
    block.cache_control = ephemeral(input.ttl);
    budget--;
    return true;
  };

  prefixChars += shared.reduce((n, b) => n + b.text.length, 0);
  const sharedCached = input.cacheSharedSystem
    ? tryMark('shared context', shared.at(-1), prefixChars)
    : shared.some(hasBreakpoint);
  if (input.cacheSharedSystem) {
    // An earlier shared block changes less often than the last (a project's rules before its code):
    // its own breakpoint lets a request with other code still read it from the cache.
    let before = 0;
    shared.slice(0, -1).forEach((block, i) => {
      before += block.text.length;
      tryMark(`shared context block ${i + 1}`, block, before);
    });
  }
  prefixChars += own.reduce((n, b) => n + b.text.length, 0);
  if (input.cacheSystem) tryMark('system prompt', own.at(-1), prefixChars);
  if (input.cacheLastMessage) {
    prefixChars += messages.reduce(
      (n, m) => n + (m.content as unknown[]).reduce<number>((k, b) => k + blockText(b).length, 0),
      0,
    );
    const last = messages.at(-1);
    tryMark('conversation', (last?.content as Cacheable[] | undefined)?.at(-1), prefixChars);
  }
  for (const reason of skipped) logger?.info(`Cache breakpoint skipped, ${reason}.`);

  const breakpoints = MAX_CACHE_BREAKPOINTS - budget;
  return {
    system: [...shared, ...own],
    messages,
    breakpoints,
    sharedCached,
    sharedPrefix: sharedPrefixKey(shared),
    skipped,
  };
}
