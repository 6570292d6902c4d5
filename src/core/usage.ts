/** Token counts as the API reports them, in camelCase. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheWriteTokens: number;
  cacheReadTokens: number;
  /** The part of cacheWriteTokens written with the 1-hour lifetime (billed 2× input instead of 1.25×). */
  cacheWrite1hTokens?: number;
  /** True when output tokens were estimated because the stream ended before the API reported them. */
  estimated?: boolean;
}

export const emptyUsage = (): Usage => ({ inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 });

interface ApiUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation?: { ephemeral_1h_input_tokens?: number | null } | null;
}

export function fromApiUsage(u: ApiUsage | null | undefined): Usage {
  const usage: Usage = {
    inputTokens: u?.input_tokens ?? 0,
    outputTokens: u?.output_tokens ?? 0,
    cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
    cacheReadTokens: u?.cache_read_input_tokens ?? 0,
  };
  const hour = u?.cache_creation?.ephemeral_1h_input_tokens;
  if (hour) usage.cacheWrite1hTokens = hour;
  return usage;
}

export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheWriteTokens: a.cacheWriteTokens + b.cacheWriteTokens,
    cacheReadTokens: a.cacheReadTokens + b.cacheReadTokens,
  };
  if (a.cacheWrite1hTokens || b.cacheWrite1hTokens)
    sum.cacheWrite1hTokens = (a.cacheWrite1hTokens ?? 0) + (b.cacheWrite1hTokens ?? 0);
  if (a.estimated || b.estimated) sum.estimated = true;
  return sum;
}

export const sumUsage = (all: Usage[]): Usage => all.reduce(addUsage, emptyUsage());

/** Every input token the request carried, however it was billed. */
export const totalInputTokens = (u: Usage): number => u.inputTokens + u.cacheWriteTokens + u.cacheReadTokens;
