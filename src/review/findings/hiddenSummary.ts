// Hidden findings in words, for reports and logs: "4 findings outside the changed lines hidden".
import type { HiddenReason } from './types';
import { countHidden, type HiddenFinding } from './visibility';

/** How one reason reads around "finding(s)": an adjective before, or a phrase after. */
const WORDING: Record<HiddenReason, { before?: string; after?: string }> = {
  lowConfidence: { before: 'low-confidence' },
  unsupported: { before: 'unsupported' },
  refuted: { before: 'refuted' },
  preExisting: { before: 'pre-existing' },
  outsideChanges: { after: 'outside the changed lines' },
  dismissed: { before: 'dismissed' },
};

export function hiddenPhrase(reason: HiddenReason, count: number): string {
  const { before, after } = WORDING[reason];
  return [String(count), before, count === 1 ? 'finding' : 'findings', after, 'hidden'].filter(Boolean).join(' ');
}

/** One phrase per reason, joined: "9 low-confidence findings hidden, 4 findings outside the changed lines hidden". */
export function describeHidden(hidden: readonly HiddenFinding[]): string {
  return countHidden(hidden)
    .map((c) => hiddenPhrase(c.reason, c.count))
    .join(', ');
}
