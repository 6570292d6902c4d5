// Which cached prefixes are known to be warm, per model. A fan-out normally sends one request first
// and holds the rest until its stream begins (when its cache entry becomes readable). When this
// process itself wrote or read the same prefix on the same model within the cache lifetime, that
// wait buys nothing: everything can go out at once and read.

export type CacheTtl = '5m' | '1h';

export const CACHE_TTL_MS: Record<CacheTtl, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

/**
 * Lifetime is counted from the request's start on the server; we only see its response begin, so an
 * entry is trusted until this long before the computed expiry.
 */
const SAFETY_MARGIN_MS = 20_000;

export class WarmPrefixes {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True when `prefix` on `model` was written or read recently enough to still be cached. */
  isWarm(model: string, prefix: string): boolean {
    const key = prefixKey(model, prefix);
    const expiresAt = this.expiries.get(key);
    if (expiresAt === undefined) return false;
    if (expiresAt - SAFETY_MARGIN_MS > this.now()) return true;
    this.expiries.delete(key);
    return false;
  }

  /** Records a write or a read (both refresh the entry's lifetime). */
  markWarm(model: string, prefix: string, ttl: CacheTtl = '5m'): void {
    const key = prefixKey(model, prefix);
    const expiresAt = this.now() + CACHE_TTL_MS[ttl];
    // A 1-hour entry read with a 5-minute request keeps its longer life.
    this.expiries.set(key, Math.max(expiresAt, this.expiries.get(key) ?? 0));
  }

  clear(): void {
    this.expiries.clear();
  }

  get size(): number {
    return this.expiries.size;
  }
}

/** model + a 53-bit hash of the prefix: the registry keeps no copy of the (possibly large) text. */
export function prefixKey(model: string, prefix: string): string {
  return `${model}#${hash53(prefix).toString(36)}:${prefix.length}`;
}

/** cyrb53-style string hash: fast, well-distributed, not cryptographic (collisions only cost a cache miss). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
