// The stages of a review's findings (test/eval/stages.ts): each filter the review uses, applied in turn
// and credited per expert, so that the table shows what each technique removed.
import assert from 'node:assert/strict';
import { ALL_EXPERTS, scoreStages, stagesOf, type ReviewTruth, type Stage } from '../../eval/stages';
import type { ScoredFinding } from '../../eval/score';

const at = (startLine: number, extra: Partial<ScoredFinding> = {}): ScoredFinding => ({
  file: 'a.ts',
  startLine,
  endLine: startLine,
  experts: ['Security'],
  ...extra,
});
const listing = new Map([
  ['a.ts', new Map(Array.from({ length: 12 }, (_, i) => [i + 1, `const v${i + 1} = f(${i + 1});`]))],
]);
const lines = (s: Map<Stage, readonly ScoredFinding[]> | undefined, stage: Stage) =>
  (s?.get(stage) ?? []).map((f) => f.startLine);

describe('eval: the stages of a review, filter by filter', () => {
  const review = {
    experts: [
      { name: 'Security', findings: [at(1), at(2)] },
      { name: 'Correctness', findings: [at(6)] },
    ],
    synthesis: [
      at(1, { evidence: 'const v1 = f(1);', confidence: 90 }),
      at(2, { evidence: 'db.rawQuery(untrustedInput)', confidence: 95 }), // quote not in the code
      at(3, { confidence: 60 }),
      at(4, { confidence: 90, verification: { verdict: 'refuted', reason: 'guarded', ground: 'guarded' } }),
      at(5, { confidence: 90, preExisting: true }),
      at(6, { confidence: 80, experts: ['Correctness', 'Security'] }),
    ],
  };

  it('on a folder review: unsupported quotes, low confidence and refuted findings go; pre-existing only counts on diffs', () => {
    const truth: ReviewTruth = { bugs: [], cleanFiles: new Set(), listing };
    const s = stagesOf(review, truth, { minConfidence: 70 });
    const security = s.get('Security');
    assert.deepEqual(lines(security, 'raised'), [1, 2]);
    assert.deepEqual(lines(security, 'synthesis'), [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(lines(security, 'evidence'), [1, 3, 4, 5, 6], 'the invented quote is checked against the listing');
    assert.deepEqual(lines(security, 'confidence'), [1, 4, 5, 6]);
    assert.deepEqual(lines(security, 'verification'), [1, 5, 6]);
    assert.deepEqual(lines(security, 'preExisting'), [1, 5, 6], 'not a diff: the tag hides nothing');
    assert.deepEqual(lines(security, 'shown'), [1, 5, 6]);
    assert.deepEqual(lines(s.get('Correctness'), 'synthesis'), [6], 'credited to each expert who raised it');
    assert.deepEqual(lines(s.get(ALL_EXPERTS), 'raised'), [1, 2, 6]);
  });

  it('on a diff: pre-existing findings go, and the shown list also drops what is outside the changed lines', () => {
    const truth: ReviewTruth = {
      bugs: [],
      cleanFiles: new Set(),
      listing,
      changedLines: new Map([['a.ts', [{ startLine: 1, endLine: 5 }]]]),
    };
    const s = stagesOf(review, truth, { minConfidence: 70 }).get(ALL_EXPERTS);
    assert.deepEqual(lines(s, 'preExisting'), [1, 6]);
    assert.deepEqual(lines(s, 'shown'), [1], 'line 6 is outside the change');
  });

  it('keeps the check a recorded finding carries rather than re-running it', () => {
    const recorded = {
      experts: [],
      synthesis: [at(2, { evidence: 'nowhere', evidenceCheck: { verdict: 'supported' } })],
    };
    const s = stagesOf(recorded, { bugs: [], cleanFiles: new Set(), listing }, { minConfidence: undefined });
    assert.deepEqual(lines(s.get(ALL_EXPERTS), 'evidence'), [2]);
  });

  it('scores every row and stage, a bug found before a filter and lost after it', () => {
    const spaced = {
      experts: [{ name: 'Security', findings: [at(1), at(10)] }],
      synthesis: [
        at(1, { confidence: 90 }),
        at(10, { confidence: 90, verification: { verdict: 'refuted', reason: 'guarded', ground: 'guarded' } }),
      ],
    };
    const truth: ReviewTruth = {
      bugs: [{ file: 'a.ts', lines: [10, 10], kind: 'x', severity: 'high' }],
      cleanFiles: new Set(),
      listing,
    };
    const scores = scoreStages([spaced, review], (r) => (r === spaced ? truth : { ...truth, bugs: [] }), {
      minConfidence: 70,
    });
    assert.deepEqual([...scores.keys()], ['Security', 'Correctness', ALL_EXPERTS]);
    const all = scores.get(ALL_EXPERTS)!;
    assert.deepEqual([all.get('confidence')!.found, all.get('confidence')!.findings], [1, 2 + 4]);
    assert.equal(all.get('confidence')!.precision, 1 / 6);
    assert.equal(all.get('verification')!.found, 0, 'the verifier refuted the real bug');
    assert.equal(all.get('verification')!.recall, 0);
    assert.equal(all.get('verification')!.findings, 1 + 3);
    // Correctness did not run in the first review: its bug still counts against it.
    assert.deepEqual(
      [scores.get('Correctness')!.get('synthesis')!.findings, scores.get('Correctness')!.get('synthesis')!.expected],
      [1, 1],
    );
  });
});
