// Eval scoring (test/eval/score.ts): how findings are paired with seeded bugs, and the figures.
import assert from 'node:assert/strict';
import { matchFindings, score, sumScores, type ExpectedBug, type ScoredFinding } from '../../eval/score';

const bug = (file: string, start: number, end = start, kind = 'bug'): ExpectedBug => ({
  file,
  lines: [start, end],
  kind,
  severity: 'high',
});
const at = (
  file: string,
  startLine: number,
  endLine = startLine,
  extra: Partial<ScoredFinding> = {},
): ScoredFinding => ({ file, startLine, endLine, ...extra });

describe('eval: matching findings to seeded bugs', () => {
  it('matches within two lines of the bug, not three, and only in the same file', () => {
    const bugs = [bug('a.ts', 10, 12)];
    assert.equal(matchFindings([at('a.ts', 14)], bugs).length, 1, 'two lines after the end');
    assert.equal(matchFindings([at('a.ts', 6, 8)], bugs).length, 1, 'two lines before the start');
    assert.equal(matchFindings([at('a.ts', 15)], bugs).length, 0, 'three lines after');
    assert.equal(matchFindings([at('a.ts', 5, 7)], bugs).length, 0, 'three lines before');
    assert.equal(matchFindings([at('b.ts', 11)], bugs).length, 0, 'another file');
    assert.equal(matchFindings([at('a.ts', 14)], bugs, 0).length, 0, 'tolerance 0');
  });

  it('counts two findings on one bug once, and one finding on two bugs once', () => {
    assert.deepEqual(matchFindings([at('a.ts', 10), at('a.ts', 11)], [bug('a.ts', 10)]), [{ finding: 0, bug: 0 }]);
    assert.deepEqual(matchFindings([at('a.ts', 10, 20)], [bug('a.ts', 10), bug('a.ts', 20)]), [{ finding: 0, bug: 0 }]);
  });

  it('pairs as many as possible: a broad finding gives way to a narrow one (greedy first-come would find one)', () => {
    const bugs = [bug('a.ts', 10), bug('a.ts', 20)];
    assert.deepEqual(matchFindings([at('a.ts', 9, 20), at('a.ts', 10)], bugs), [
      { finding: 0, bug: 1 },
      { finding: 1, bug: 0 },
    ]);
  });

  it('prefers the nearest bug, then one of the same kind; the kind is not required', () => {
    const bugs = [bug('a.ts', 10, 10, 'xss'), bug('a.ts', 12, 12, 'sql-injection')];
    assert.deepEqual(matchFindings([at('a.ts', 12)], bugs), [{ finding: 0, bug: 1 }], 'nearest');
    assert.deepEqual(
      matchFindings([at('a.ts', 10, 12, { kind: 'sql-injection' })], bugs),
      [{ finding: 0, bug: 1 }],
      'same kind at equal distance',
    );
    assert.deepEqual(
      matchFindings([at('a.ts', 10, 12, { kind: 'typo' })], bugs),
      [{ finding: 0, bug: 0 }],
      'other kinds still match',
    );
  });
});

describe('eval: figures', () => {
  it('computes precision, recall, F1 and false positives on clean files', () => {
    const bugs = [bug('a.ts', 10), bug('a.ts', 30), bug('b.ts', 5), bug('b.ts', 40)];
    const findings = [at('a.ts', 10), at('a.ts', 11), at('b.ts', 6), at('clean.ts', 3), at('b.ts', 20)];
    const s = score(findings, bugs, new Set(['clean.ts']));
    assert.deepEqual(s, {
      findings: 5,
      expected: 4,
      found: 2,
      falsePositives: 3,
      cleanFalsePositives: 1,
      precision: 0.4,
      recall: 0.5,
      f1: (2 * 0.4 * 0.5) / 0.9,
    });
  });

  it('has no precision without findings and no recall without bugs; F1 is then 0', () => {
    assert.deepEqual(score([], [bug('a.ts', 1)], new Set()), {
      findings: 0,
      expected: 1,
      found: 0,
      falsePositives: 0,
      cleanFalsePositives: 0,
      precision: null,
      recall: 0,
      f1: 0,
    });
    assert.deepEqual(score([at('c.ts', 1)], [], new Set(['c.ts'])), {
      findings: 1,
      expected: 0,
      found: 0,
      falsePositives: 1,
      cleanFalsePositives: 1,
      precision: 0,
      recall: null,
      f1: 0,
    });
  });

  it('sums reviews by counts, not by averaging their ratios', () => {
    const one = score([at('a.ts', 1)], [bug('a.ts', 1)], new Set());
    const other = score([at('b.ts', 1), at('b.ts', 50), at('b.ts', 90)], [bug('b.ts', 1), bug('b.ts', 20)], new Set());
    const total = sumScores([one, other]);
    assert.equal(total.found, 2);
    assert.equal(total.precision, 2 / 4);
    assert.equal(total.recall, 2 / 3);
  });
});
