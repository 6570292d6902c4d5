// The evaluation's figures on hand-written recorded answers (test/eval/recorded): two reviews of the
// real corpus with per-expert findings, a synthesis with confidences and verdicts, usage and cost.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCorpus } from '../../eval/corpus';
import { parseRecordedReview, readRecorded } from '../../eval/recorded';
import { formatTable, formatTotals, runTotals } from '../../eval/report';
import { scoreRun, SHOWN, SYNTHESIS, VERIFIED, type Score } from '../../eval/score';

const RECORDED = join(__dirname, '../../eval/recorded');

/** found/expected, findings, false positives, of which on clean files. */
const figures = (s: Score | undefined) =>
  s && [`${s.found}/${s.expected}`, s.findings, s.falsePositives, s.cleanFalsePositives];

describe('eval: scoring recorded answers', () => {
  it('scores every expert, the synthesis, the verified and the shown findings with exact figures', async () => {
    const reviews = await readRecorded(RECORDED);
    assert.deepEqual(
      reviews.map((r) => r.target),
      ['lib', 'shop-api'],
    );
    const scores = scoreRun(reviews, loadCorpus(), 70);

    assert.deepEqual(
      [...scores.keys()],
      ['Security', 'Performance', 'Correctness', 'Maintainability', SYNTHESIS, VERIFIED, SHOWN],
    );
    assert.deepEqual(figures(scores.get('Security')), ['3/13', 5, 2, 2]);
    assert.deepEqual(figures(scores.get('Performance')), ['0/13', 1, 1, 0]);
    assert.deepEqual(figures(scores.get('Correctness')), ['8/13', 11, 3, 1]);
    // Maintainability ran only in the shop-api review; the lib review's bugs still count against it.
    assert.deepEqual(figures(scores.get('Maintainability')), ['1/13', 2, 1, 0]);
    assert.deepEqual(figures(scores.get(SYNTHESIS)), ['13/13', 17, 4, 3]);
    assert.deepEqual(figures(scores.get(VERIFIED)), ['12/13', 14, 2, 1]);
    assert.deepEqual(figures(scores.get(SHOWN)), ['9/13', 10, 1, 0]);

    const security = scores.get('Security')!;
    assert.equal(security.precision, 3 / 5);
    assert.equal(security.recall, 3 / 13);
    assert.equal(security.f1, (2 * (3 / 5) * (3 / 13)) / (3 / 5 + 3 / 13));
    assert.equal(scores.get('Performance')!.precision, 0);
    assert.equal(scores.get('Performance')!.f1, 0);
    assert.equal(scores.get(SYNTHESIS)!.precision, 13 / 17);
    assert.equal(scores.get(SYNTHESIS)!.recall, 1);
    assert.equal(scores.get(SHOWN)!.precision, 9 / 10);
  });

  it('without a confidence filter, shown equals verified', async () => {
    const scores = scoreRun(await readRecorded(RECORDED), loadCorpus(), undefined);
    assert.deepEqual(figures(scores.get(SHOWN)), figures(scores.get(VERIFIED)));
  });

  it('adds up cost and the cache read share, and prints them with the table', async () => {
    const reviews = await readRecorded(RECORDED);
    const totals = runTotals(reviews);
    assert.equal(totals.reviews, 2);
    assert.ok(Math.abs(totals.usd! - 0.15) < 1e-12);
    assert.equal(totals.inputTokens, 31_500);
    assert.equal(totals.outputTokens, 4_500);
    assert.equal(totals.cacheReadShare, 27_000 / 31_500);
    assert.equal(
      formatTotals(totals),
      '2 reviews · cost $0.1500 · 31,500 input tokens, 4,500 output · cache reads 86% of input',
    );

    const table = formatTable(scoreRun(reviews, loadCorpus(), 70), { minConfidence: 70, verify: 'all' }).split('\n');
    assert.equal(table.length, 2 + 7);
    assert.match(
      table.find((l) => l.startsWith('after synthesis'))!,
      /13\/13\s+17\s+76%\s+100%\s+0\.87\s+4\s+3$/,
    );
    assert.match(
      table.find((l) => l.startsWith('shown (confidence ≥ 70)'))!,
      /9\/13\s+10\s+90%\s+69%\s+0\.78\s+1\s+0$/,
    );
    assert.match(
      table.find((l) => l.startsWith('expert: Performance'))!,
      /0\/13\s+1\s+0%\s+0%\s+0\.00/,
    );
  });

  it('refuses a recorded review without line numbers, naming the file', () => {
    const broken = {
      target: 'lib',
      reviewedFiles: [],
      experts: [{ name: 'Security', findings: [{ file: 'lib/a.ts', startLine: 0, endLine: 2 }] }],
      synthesis: [],
    };
    assert.throws(
      () => parseRecordedReview(broken, 'x.json'),
      /x\.json \(Security\): a finding needs file, startLine and endLine/,
    );
  });
});
