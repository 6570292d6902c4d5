// The block every request of a review shares, built once from the gathered code and the project's
// rules: the cached system blocks (rules first: they change less often and get a breakpoint of their
// own), what requests send, the key the warm-cache registry knows them by, their tokens, and the
// listing as data (what the experts were shown, line by line, for fingerprints and fix checks).
// Estimates, the fan-out, the verify pass, experts added later and a follow-up chat all take this one
// block, so none of them assembles its own. One block is one cached prefix: a change over the budget
// split into context groups is one SharedBlock per group, fanned out experts × blocks (the findings of
// each placed against its own block's listing; pipeline/groupRuns.ts).
import { estimateTokens, sharedPrefixKey, type SystemInput } from '../core';
import type { ChangedLines } from './findings';
import type { GatheredContext, IncludedFile, Listing } from './context';

export interface SharedBlock {
  /** The cached blocks' texts, in order: the project's rules (when any), then the code. */
  readonly blocks: readonly string[];
  /** What every request sends as its shared system prompt. */
  readonly system: SystemInput;
  /** The prefix as WarmPrefixes knows it (written or read recently: the fan-out need not wait). */
  readonly prefixKey: string;
  /** Estimated tokens of the blocks (count_tokens gives the exact figure). */
  readonly tokens: number;
  /** What the experts were shown, line by line. */
  readonly listing: Listing;
  /** The line ranges the experts were shown. */
  readonly files: readonly IncludedFile[];
  /** Diff scopes: the lines the diff changed. */
  readonly changedLines?: ChangedLines;
  /** The project's rules block, when any (a finding's quoted rule is checked against it). */
  readonly rulesText?: string;
}

export function sharedBlock(context: GatheredContext, rulesText = ''): SharedBlock {
  const blocks = rulesText ? [rulesText, context.systemText] : [context.systemText];
  const system: SystemInput =
    blocks.length === 1 ? context.systemText : blocks.map((text) => ({ type: 'text' as const, text }));
  return {
    blocks,
    system,
    prefixKey: sharedPrefixKey(system),
    tokens: estimateTokens(rulesText) + context.totalTokens,
    listing: context.listing,
    files: context.files,
    ...(context.changedLines && { changedLines: context.changedLines }),
    ...(rulesText && { rulesText }),
  };
}
