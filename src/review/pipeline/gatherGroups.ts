// Step 3 of the pipeline when a target is larger than one cached block may be: instead of leaving
// what does not fit out, split everything the policy lets through into context groups that each fit
// the budget (as the batch sweep does), each reviewed over its own cached block. Up to `maxGroups`;
// what is still left out (past the last group, or a file larger than the budget alone) is listed as
// left out for the budget, so every shell can say the review was partial.
import {
  gatherContext,
  GROUP_FILL,
  NothingToReviewError,
  splitIntoGroups,
  WALK_BUDGET_TOKENS,
  type ExcludedFile,
  type GatheredContext,
  type GatherInput,
  type ReviewTarget,
} from '../context';

/**
 * Context groups a review may split an over-budget change into, in every shell (the CLI's --config may
 * change it): every changed line is reviewed unless a change is more than this many budgets.
 */
export const MAX_CONTEXT_GROUPS = 20;

export interface GatheredGroups {
  /** One per group, in order; one alone when everything fitted (or grouping is off). */
  groups: GatheredContext[];
  /** Everything left out of the review as a whole (not each group's view of the others). */
  excluded: ExcludedFile[];
}

/** The same target, narrowed to one group's files. */
function narrowed(target: ReviewTarget, paths: string[]): ReviewTarget {
  if (target.kind === 'diff') return { ...target, paths };
  if (target.kind === 'paths') return { kind: 'paths', paths };
  return target;
}

/**
 * Gathers `input.target` within `input.budgetTokens`; when files were left out for the budget and
 * `maxGroups` allows more than one block, gathers it again in groups that each fit.
 */
export async function gatherGroups(input: GatherInput, maxGroups: number): Promise<GatheredGroups> {
  const whole = await gatherContext(input);
  const overBudget = whole.excluded.some((e) => e.reason === 'budget');
  if (maxGroups <= 1 || !overBudget || input.target.kind === 'selection')
    return { groups: [whole], excluded: whole.excluded };

  // Everything the policy lets through, without the budget: then fill groups in walk order.
  const all = await gatherContext({ ...input, budgetTokens: WALK_BUDGET_TOKENS, onProgress: () => {} });
  const split = splitIntoGroups(all.files, Math.floor(input.budgetTokens * GROUP_FILL));
  const excluded: ExcludedFile[] = [...all.excluded];
  const seen = new Set(excluded.map((e) => `${e.reason}\0${e.path}`));
  const groups: GatheredContext[] = [];
  for (const paths of split.slice(0, maxGroups)) {
    let groupExcluded: ExcludedFile[];
    try {
      const group = await gatherContext({ ...input, target: narrowed(input.target, paths), onProgress: () => {} });
      groups.push(group);
      groupExcluded = group.excluded;
    } catch (err) {
      // A group of one file larger than the budget: nothing of it fits.
      if (!(err instanceof NothingToReviewError)) throw err;
      groupExcluded = err.excluded;
    }
    // A file larger than the budget alone is the only thing a group leaves out that the walk did not.
    for (const e of groupExcluded)
      if (!seen.has(`${e.reason}\0${e.path}`)) {
        seen.add(`${e.reason}\0${e.path}`);
        excluded.push(e);
      }
  }
  for (const path of split.slice(maxGroups).flat())
    excluded.push({
      path,
      reason: 'budget',
      detail: `past the ${maxGroups} context groups of ${input.budgetTokens} tokens a review may send`,
    });
  if (!groups.length)
    throw new NothingToReviewError('all-excluded', 'Nothing to review: no file fits the token budget.', excluded);
  return { groups, excluded };
}

/**
 * The review as a whole: every group's files and changed lines, everything left out. Its system text is
 * the first group's (one block is what a follow-up over a single-group review reads; see reviewedCode).
 */
export function wholeOf(gathered: GatheredGroups): GatheredContext {
  const [first, ...rest] = gathered.groups;
  if (!rest.length) return { ...first!, excluded: gathered.excluded };
  const changed = gathered.groups.flatMap((g) => [...(g.changedLines ?? [])]);
  return {
    systemText: first!.systemText,
    files: gathered.groups.flatMap((g) => g.files),
    listing: new Map(gathered.groups.flatMap((g) => [...g.listing])),
    excluded: gathered.excluded,
    totalTokens: gathered.groups.reduce((n, g) => n + g.totalTokens, 0),
    ...(first!.changedLines && { changedLines: new Map(changed) }),
  };
}
