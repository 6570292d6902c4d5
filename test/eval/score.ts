// Scoring of the evaluation (`npm run eval`): findings matched to the corpus's seeded bugs by file and
// lines, then recall, precision and F1 per stage of a review. Pure: no files, no network.
import { partitionFindings, type Finding } from '../../src/review';

export interface ExpectedBug {
  file: string;
  /** 1-based, inclusive. */
  lines: readonly [number, number];
  /** Informative: a finding of another kind on the same lines still counts. */
  kind: string;
  severity: string;
}

/** What scoring needs of a finding; recorded answers may carry no more than this. */
export type ScoredFinding = Pick<Finding, 'file' | 'startLine' | 'endLine'> &
  Partial<Pick<Finding, 'kind' | 'confidence' | 'verification' | 'title'>>;

/** A finding may start or end this many lines away from a bug's range and still be about it. */
export const LINE_TOLERANCE = 2;

export interface Match {
  finding: number;
  bug: number;
}

/** How far apart two ranges are in lines (0 when they overlap). */
function gap(finding: ScoredFinding, bug: ExpectedBug): number {
  const [start, end] = bug.lines;
  if (finding.endLine < start) return start - finding.endLine;
  if (finding.startLine > end) return finding.startLine - end;
  return 0;
}

/**
 * Pairs findings with bugs, each at most once, so that as many bugs as possible are found (maximum
 * bipartite matching). Among equally many pairs, each finding prefers the nearest bug, then one of its
 * own kind: two findings on one bug count once, and one broad finding cannot claim two bugs.
 */
export function matchFindings(
  findings: readonly ScoredFinding[],
  bugs: readonly ExpectedBug[],
  tolerance = LINE_TOLERANCE,
): Match[] {
  const candidates = findings.map((f) =>
    bugs
      .map((bug, index) => ({
        index,
        gap: f.file === bug.file ? gap(f, bug) : Infinity,
        sameKind: f.kind === bug.kind,
      }))
      .filter((c) => c.gap <= tolerance)
      .sort((a, b) => a.gap - b.gap || Number(b.sameKind) - Number(a.sameKind) || a.index - b.index)
      .map((c) => c.index),
  );
  const findingOfBug = new Array<number | undefined>(bugs.length).fill(undefined);
  // Kuhn's augmenting paths: small inputs (a review's findings), so the simple algorithm is enough.
  const assign = (finding: number, visited: Set<number>): boolean => {
    for (const bug of candidates[finding]!) {
      if (visited.has(bug)) continue;
      visited.add(bug);
      const holder = findingOfBug[bug];
      if (holder === undefined || assign(holder, visited)) {
        findingOfBug[bug] = finding;
        return true;
      }
    }
    return false;
  };
  findings.forEach((_, i) => assign(i, new Set()));
  return findingOfBug
    .flatMap((finding, bug) => (finding === undefined ? [] : [{ finding, bug }]))
    .sort((a, b) => a.finding - b.finding);
}

export interface Score {
  /** Findings scored. */
  findings: number;
  /** Bugs expected in the reviewed files. */
  expected: number;
  /** Bugs found (= findings that matched one). */
  found: number;
  /** Findings that matched no bug, wherever they are. */
  falsePositives: number;
  /** Of those, findings in files that should yield nothing. */
  cleanFalsePositives: number;
  /** found / findings; null when there were no findings. */
  precision: number | null;
  /** found / expected; null when no bug was expected. */
  recall: number | null;
  /** Harmonic mean of precision and recall; 0 when nothing was found. */
  f1: number;
}

export function score(
  findings: readonly ScoredFinding[],
  bugs: readonly ExpectedBug[],
  cleanFiles: ReadonlySet<string>,
  tolerance = LINE_TOLERANCE,
): Score {
  const matches = matchFindings(findings, bugs, tolerance);
  const matched = new Set(matches.map((m) => m.finding));
  const cleanFalsePositives = findings.filter((f, i) => !matched.has(i) && cleanFiles.has(f.file)).length;
  return ratios(findings.length, bugs.length, matches.length, cleanFalsePositives);
}

function ratios(findings: number, expected: number, found: number, cleanFalsePositives: number): Score {
  const precision = findings ? found / findings : null;
  const recall = expected ? found / expected : null;
  const f1 = precision && recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { findings, expected, found, falsePositives: findings - found, cleanFalsePositives, precision, recall, f1 };
}

/** Adds up scores of several reviews (a run reviews the corpus folder by folder). */
export function sumScores(scores: readonly Score[]): Score {
  const total = (key: 'findings' | 'expected' | 'found' | 'cleanFalsePositives') =>
    scores.reduce((n, s) => n + s[key], 0);
  return ratios(total('findings'), total('expected'), total('found'), total('cleanFalsePositives'));
}

/** One review's findings at each stage: what every expert raised, and what the synthesis kept. */
export interface StagedFindings {
  experts: ReadonlyArray<{ name: string; findings: readonly ScoredFinding[] }>;
  /** The synthesis's findings before any is hidden (or the local merge when synthesis was off). */
  synthesis: readonly ScoredFinding[];
}

/** Stages in table order; the first ones are the experts by name. */
export const SYNTHESIS = 'synthesis';
export const VERIFIED = 'verified';
export const SHOWN = 'shown';

/**
 * The findings of each stage: each expert's; the synthesis's; those the verifier did not refute; and
 * those also at or above `minConfidence`, which is what the user is shown (the review's own visibility
 * rule, src/review/findings/visibility.ts).
 */
export function stages(
  review: StagedFindings,
  minConfidence: number | undefined,
): Map<string, readonly ScoredFinding[]> {
  const out = new Map<string, readonly ScoredFinding[]>();
  for (const e of review.experts) out.set(e.name, e.findings);
  out.set(SYNTHESIS, review.synthesis);
  out.set(
    VERIFIED,
    review.synthesis.filter((f) => f.verification?.verdict !== 'refuted'),
  );
  // partitionFindings wants whole findings; the fields it does not read are filled with blanks.
  const whole = review.synthesis.map((f, i): Finding => ({
    severity: 'info',
    title: '',
    explanation: '',
    experts: [],
    ...f,
    id: String(i),
  }));
  const { shown } = partitionFindings(whole, minConfidence === undefined ? {} : { minConfidence });
  out.set(
    SHOWN,
    shown.map((f) => review.synthesis[Number(f.id)]!),
  );
  return out;
}

/** Scores of every stage, summed over reviews; experts in order of first appearance. */
export function scoreRun(
  reviews: ReadonlyArray<StagedFindings & { reviewedFiles: readonly string[] }>,
  corpus: { bugs: readonly ExpectedBug[]; cleanFiles: ReadonlySet<string> },
  minConfidence: number | undefined,
): Map<string, Score> {
  const rows = [...new Set(reviews.flatMap((r) => r.experts.map((e) => e.name))), SYNTHESIS, VERIFIED, SHOWN];
  const perRow = new Map<string, Score[]>(rows.map((row) => [row, []]));
  for (const review of reviews) {
    const reviewed = new Set(review.reviewedFiles);
    const bugs = corpus.bugs.filter((b) => reviewed.has(b.file));
    const found = stages(review, minConfidence);
    // An expert that did not run in a review still had that review's bugs to find.
    for (const row of rows) perRow.get(row)!.push(score(found.get(row) ?? [], bugs, corpus.cleanFiles));
  }
  return new Map(rows.map((row) => [row, sumScores(perRow.get(row)!)]));
}
