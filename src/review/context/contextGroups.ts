// A target too large for one cached block is split into context groups: files in walk order (so a
// folder tends to stay together), each group filling up to the token budget. A file larger than
// the budget forms a group of its own (gathering then lists what does not fit as left out). The
// batch sweep and an over-budget review (pipeline/contextGroups.ts) split the same way.
import type { IncludedFile } from './types';

export function splitIntoGroups(files: readonly IncludedFile[], budgetTokens: number): string[][] {
  const tokensByPath = new Map<string, number>();
  for (const f of files) tokensByPath.set(f.path, (tokensByPath.get(f.path) ?? 0) + f.tokens);
  const groups: string[][] = [];
  let current: string[] = [];
  let used = 0;
  for (const [path, tokens] of tokensByPath) {
    if (current.length && used + tokens > budgetTokens) {
      groups.push(current);
      current = [];
      used = 0;
    }
    current.push(path);
    used += tokens;
  }
  if (current.length) groups.push(current);
  return groups;
}

/** Enough to list a large target once before grouping it. */
export const WALK_BUDGET_TOKENS = 50_000_000;
/** The header and listing frame of each group's block take a little of the budget. */
export const GROUP_FILL = 0.9;
