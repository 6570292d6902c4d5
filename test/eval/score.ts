// Scoring of the evaluation (`npm run eval`): findings matched to the corpus's seeded bugs by file and
// lines (one-to-one), then recall, precision and F1. Pure: no files, no network. The stages a review's
// findings pass through (each filter) are in stages.ts.
import type { Finding } from '../../src/review';

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
  Partial<
    Pick<
      Finding,
      | 'kind'
      | 'confidence'
      | 'verification'
      | 'title'
      | 'severity'
      | 'experts'
      | 'evidence'
      | 'evidenceCheck'
      | 'rule'
      | 'preExisting'
    >
  >;

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

/** Precision, recall and F1 from counts: findings made, things expected, findings that matched one. */
export function ratios(findings: number, expected: number, found: number, cleanFalsePositives: number): Score {
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
