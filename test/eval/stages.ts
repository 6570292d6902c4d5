// The stages a review's findings pass through, so that each technique's effect can be measured: what
// an expert raised, what the synthesis kept (credited to the experts who raised it), then each filter in
// turn (a quote not in the code, low confidence, refuted by the verifier, pre-existing), and what the
// user is shown (the review's own visibility rule). Each filter is the one the review uses (src/review):
// the evidence check is re-run on the listing when a recorded finding does not carry its result.
import { checkEvidence, partitionFindings, type Finding } from '../../src/review';
import type { ShownLines } from '../../src/review/findings/types';
import type { ChangedLines } from '../../src/review/findings/visibility';
import { score, sumScores, type ExpectedBug, type Score, type ScoredFinding } from './score';

export const STAGES = [
  'raised',
  'synthesis',
  'evidence',
  'confidence',
  'verification',
  'preExisting',
  'shown',
] as const;
export type Stage = (typeof STAGES)[number];

/** The row of the whole review (every expert's findings together), after the experts by name. */
export const ALL_EXPERTS = 'all experts';

/** One review's findings: each expert's, and the synthesis's before any is hidden. */
export interface StagedFindings {
  experts: ReadonlyArray<{ name: string; findings: readonly ScoredFinding[] }>;
  synthesis: readonly ScoredFinding[];
}

/** What a review is scored against, and what its filters need. */
export interface ReviewTruth {
  bugs: readonly ExpectedBug[];
  cleanFiles: ReadonlySet<string>;
  /** The code the experts were shown, for findings recorded without their evidence check. */
  listing?: ShownLines;
  /** Diff reviews: the changed lines (pre-existing and outside-the-change findings are hidden only then). */
  changedLines?: ChangedLines;
}

export interface FilterRules {
  minConfidence: number | undefined;
}

/** The finding with its quote checked, unless it was recorded with the check's result. */
function evidenceChecked(f: ScoredFinding, truth: ReviewTruth): ScoredFinding {
  if (f.evidenceCheck || !truth.listing) return f;
  const check = checkEvidence(f, {
    listing: truth.listing,
    ...(truth.changedLines && { changedLines: truth.changedLines }),
  });
  return check ? { ...f, evidenceCheck: check } : f;
}

/** The filters in order, each applied after those before it. */
const FILTERS: ReadonlyArray<[Stage, (f: ScoredFinding, rules: FilterRules, truth: ReviewTruth) => boolean]> = [
  ['evidence', (f) => f.evidenceCheck?.verdict !== 'unsupported'],
  [
    'confidence',
    (f, rules) =>
      rules.minConfidence === undefined || f.confidence === undefined || f.confidence >= rules.minConfidence,
  ],
  ['verification', (f) => f.verification?.verdict !== 'refuted'],
  ['preExisting', (f, _rules, truth) => !truth.changedLines || !f.preExisting],
];

/** What the user is shown of `findings`: the review's own rule (partitionFindings), with whole findings. */
function shownOf(findings: readonly ScoredFinding[], rules: FilterRules, truth: ReviewTruth): ScoredFinding[] {
  // partitionFindings wants whole findings; the fields it does not read are filled with blanks.
  const whole = findings.map((f, i): Finding => ({
    severity: 'info',
    title: '',
    explanation: '',
    experts: [],
    ...f,
    id: String(i),
  }));
  const { shown } = partitionFindings(whole, {
    ...(rules.minConfidence !== undefined && { minConfidence: rules.minConfidence }),
    ...(truth.changedLines && { changedLines: truth.changedLines }),
  });
  return shown.map((f) => findings[Number(f.id)]!);
}

/** One row's findings at every stage. */
function chain(
  raised: readonly ScoredFinding[],
  merged: readonly ScoredFinding[],
  rules: FilterRules,
  truth: ReviewTruth,
): Map<Stage, readonly ScoredFinding[]> {
  const out = new Map<Stage, readonly ScoredFinding[]>([
    ['raised', raised],
    ['synthesis', merged],
  ]);
  let kept = merged;
  for (const [stage, keeps] of FILTERS) {
    kept = kept.filter((f) => keeps(f, rules, truth));
    out.set(stage, kept);
  }
  out.set('shown', shownOf(merged, rules, truth));
  return out;
}

/**
 * Per row (each expert, then ALL_EXPERTS), the findings at each stage. An expert's synthesis and later
 * stages are the merged findings credited to it (`experts`), so a filter's effect shows per expert.
 */
export function stagesOf(
  review: StagedFindings,
  truth: ReviewTruth,
  rules: FilterRules,
): Map<string, Map<Stage, readonly ScoredFinding[]>> {
  const checked = (list: readonly ScoredFinding[]) => list.map((f) => evidenceChecked(f, truth));
  const merged = checked(review.synthesis);
  const out = new Map<string, Map<Stage, readonly ScoredFinding[]>>();
  for (const e of review.experts) {
    const credited = merged.filter((f) => f.experts?.includes(e.name));
    out.set(e.name, chain(checked(e.findings), credited, rules, truth));
  }
  out.set(ALL_EXPERTS, chain(checked(review.experts.flatMap((e) => e.findings)), merged, rules, truth));
  return out;
}

export type StageScores = Map<string, Map<Stage, Score>>;

/** Scores of every row and stage, summed over reviews; experts in order of first appearance. */
export function scoreStages<R extends StagedFindings>(
  reviews: readonly R[],
  truthOf: (review: R) => ReviewTruth,
  rules: FilterRules,
): StageScores {
  const rows = [...new Set(reviews.flatMap((r) => r.experts.map((e) => e.name))), ALL_EXPERTS];
  const perCell = new Map(rows.map((row) => [row, new Map(STAGES.map((s) => [s, [] as Score[]]))]));
  reviews.forEach((review) => {
    const truth = truthOf(review);
    const found = stagesOf(review, truth, rules);
    // An expert that did not run in a review still had that review's bugs to find.
    for (const row of rows)
      for (const stage of STAGES)
        perCell
          .get(row)!
          .get(stage)!
          .push(score(found.get(row)?.get(stage) ?? [], truth.bugs, truth.cleanFiles));
  });
  return new Map(
    rows.map((row) => [row, new Map(STAGES.map((s) => [s, sumScores(perCell.get(row)!.get(s)!)] as const))]),
  );
}
