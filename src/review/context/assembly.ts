// The budget and the final assembly shared by every target kind. Files are taken whole while they
// fit; one that does not fit is left out (never silently truncated) and smaller ones after it may
// still fit. The budget covers the file listings, not the short header.
import { comparePaths } from './paths';
import { renderSystemText, type ListedLines, type ListingKind } from './renderListing';
import { estimateTokens } from './tokens';
import type { ExcludedFile, GatheredContext, IncludedFile } from './types';

/** A file ready to send: its listing, the numbered lines it shows (as data) and the ranges it covers. */
export interface Rendered {
  path: string;
  block: string;
  listed: ListedLines;
  ranges: IncludedFile[];
  bytes: number;
}

export type Loaded = Rendered | ExcludedFile;

export class Budget {
  private used = 0;
  constructor(readonly limit: number) {}

  get left(): number {
    return Math.max(0, this.limit - this.used);
  }

  take(tokens: number): boolean {
    if (tokens > this.left) return false;
    this.used += tokens;
    return true;
  }

  exclusion(path: string, tokens: number, bytes: number): ExcludedFile {
    return {
      path,
      reason: 'budget',
      detail: `needs about ${tokens} tokens; about ${this.left} of the ${this.limit}-token budget were left`,
      tokens,
      bytes,
    };
  }

  /** Left out without even a stat: not even the smallest listing of this path fits any more. */
  spentExclusion(path: string): ExcludedFile {
    return {
      path,
      reason: 'budget',
      detail: `not read: the ${this.limit}-token budget was used up (${this.left} left)`,
    };
  }
}

/** Adds one loaded item: an exclusion as is, a file if the budget still has room for it. */
export function admit(item: Loaded, budget: Budget, rendered: Rendered[], excluded: ExcludedFile[]): void {
  if ('reason' in item) {
    excluded.push(item);
    return;
  }
  const tokens = estimateTokens(item.block);
  if (budget.take(tokens)) rendered.push(item);
  else excluded.push(budget.exclusion(item.path, tokens, item.bytes));
}

/** `intro` replaces the kind's first sentence (a diff scope says which changes it holds). */
export function assemble(
  kind: ListingKind,
  rendered: readonly Rendered[],
  excluded: ExcludedFile[],
  intro?: string,
  intentBlock?: string,
): GatheredContext {
  excluded.sort((a, b) => comparePaths(a.path, b.path) || comparePaths(a.reason, b.reason));
  // Skipped dependency/VCS folders are expected; only real omissions are worth telling the experts.
  const leftOut = excluded.filter((e) => e.reason !== 'always-skipped').length;
  const systemText = renderSystemText(
    kind,
    rendered.map((r) => r.block),
    leftOut,
    intro,
    intentBlock,
  );
  return {
    systemText,
    files: rendered.flatMap((r) => r.ranges),
    listing: new Map(rendered.map((r) => [r.path, r.listed])),
    excluded,
    totalTokens: estimateTokens(systemText),
  };
}
