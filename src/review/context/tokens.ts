/**
 * Token estimate without a tokenizer: about four characters a token for code and English.
 * It is an estimate (real counts vary by roughly ±25%); budgets built on it are approximate.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
