// What a review did on each line a diff case names (diffCases.ts): the bug the commit introduced is
// shown; the pre-existing one is tagged pre-existing and not shown; the intended change and the place
// where a finding would have to invent its quote show nothing. Read from the review's own visibility rule
// on the synthesis's findings, so a finding hidden for another reason is said as such.
import { hiddenReason, type Finding, type HiddenReason } from '../../src/review';
import type { DiffCase, DiffExpectation } from './diffCases';
import { LINE_TOLERANCE, matchFindings, type ScoredFinding } from './score';
import { stagesOf, type FilterRules } from './stages';

export interface ExpectationVerdict {
  expectation: DiffExpectation;
  /** Findings about it (nearest to it, within LINE_TOLERANCE): how many were shown, why the others were hidden. */
  shown: number;
  hidden: HiddenReason[];
  /** Of those findings, how many the experts (or the verifier) tagged pre-existing. */
  tagged: number;
  ok: boolean;
}

/** How many lines apart a finding and an expectation are (0 when they overlap; Infinity in another file). */
function gap(f: ScoredFinding, e: DiffExpectation): number {
  if (f.file !== e.file) return Infinity;
  if (f.endLine < e.lines[0]) return e.lines[0] - f.endLine;
  if (f.startLine > e.lines[1]) return f.startLine - e.lines[1];
  return 0;
}

/** The expectation a finding is about: the nearest within LINE_TOLERANCE (the first of equals), if any. */
function nearest(f: ScoredFinding, expectations: readonly DiffExpectation[]): DiffExpectation | undefined {
  let best: DiffExpectation | undefined;
  for (const e of expectations)
    if (gap(f, e) <= LINE_TOLERANCE && (best === undefined || gap(f, e) < gap(f, best))) best = e;
  return best;
}

export function diffVerdicts(
  diffCase: DiffCase,
  review: Parameters<typeof stagesOf>[0],
  rules: FilterRules,
): ExpectationVerdict[] {
  const truth = {
    bugs: [],
    cleanFiles: new Set<string>(),
    listing: diffCase.listing,
    changedLines: diffCase.changedLines,
  };
  // The synthesis's findings with their quotes checked, as the stages see them.
  const all = stagesOf(review, truth, rules);
  const merged = [...all.values()].at(-1)!.get('synthesis')!;
  const shownList = [...all.values()].at(-1)!.get('shown')!;
  const found = diffCase.expect.filter((e) => e.expect === 'found');
  const matchedBugs = new Set(matchFindings(shownList, found).map((m) => m.bug));
  const visibility = {
    ...(rules.minConfidence !== undefined && { minConfidence: rules.minConfidence }),
    changedLines: diffCase.changedLines,
  };
  return diffCase.expect.map((expectation) => {
    const onIt = merged.filter((f) => nearest(f, diffCase.expect) === expectation);
    const reasons = onIt.map((f) =>
      hiddenReason({ severity: 'info', title: '', explanation: '', experts: [], id: '', ...f } as Finding, visibility),
    );
    const shown = reasons.filter((r) => r === undefined).length;
    const hidden = reasons.filter((r): r is HiddenReason => r !== undefined);
    // A tagged finding on unchanged lines is hidden as outside the change first: the tag is what counts here.
    const tagged = onIt.filter((f) => f.preExisting).length;
    const ok =
      expectation.expect === 'found'
        ? matchedBugs.has(found.indexOf(expectation))
        : expectation.expect === 'pre-existing'
          ? shown === 0 && tagged > 0
          : shown === 0;
    return { expectation, shown, hidden, tagged, ok };
  });
}

const WANTED: Record<DiffExpectation['expect'], string> = {
  found: 'must be shown',
  'pre-existing': 'must be tagged pre-existing, not shown',
  intended: 'intended by the commit: must not be shown',
  invented: 'a quote would be invented: must not be shown',
};

export function formatDiffVerdicts(id: string, verdicts: readonly ExpectationVerdict[]): string[] {
  return [
    `  ${id}`,
    ...verdicts.map((v) => {
      const e = v.expectation;
      const hidden = v.hidden.length ? `, hidden: ${v.hidden.join(', ')}` : '';
      const tagged = v.tagged ? `, ${v.tagged} tagged pre-existing` : '';
      return `    ${v.ok ? 'ok  ' : 'MISS'}  ${e.file}:${e.lines[0]} ${e.kind} (${WANTED[e.expect]}): ${v.shown} shown${hidden}${tagged}`;
    }),
  ];
}
