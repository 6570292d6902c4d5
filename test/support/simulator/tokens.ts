// Token counting for the simulator. The rule (an approximation, not a real tokenizer):
// a piece of text costs ceil(length / 4) tokens, length in UTF-16 code units; an empty text costs 0.
// A request's input tokens are the sum over its prompt blocks (tools, system, messages; see prompt.ts)
// of each block's cost. Output text is measured the same way.

/** Characters per token in the approximation. */
export const CHARS_PER_TOKEN = 4;

/** Approximate token count of a text: ceil(text.length / 4). */
export function countTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/**
 * Minimum cacheable prefix length (tokens) by model: 2048 for haiku models, 1024 for everything else.
 * Prefixes below it are neither written to nor read from the cache (and raise no error).
 * Simplified on purpose; the real minimums vary by model generation (see the README in this folder).
 */
export function minCacheableTokens(model: string): number {
  return /haiku/i.test(model) ? 2048 : 1024;
}
