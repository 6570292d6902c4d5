/**
 * Token estimates without a tokenizer. Code averages about 3 to 4 characters a token; callers pick
 * the side of the estimate that is safe for their decision.
 */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);

/** A generous estimate (more tokens than likely), for "is this surely below a threshold". */
export const generousTokensForChars = (chars: number): number => Math.ceil(chars / 3);
