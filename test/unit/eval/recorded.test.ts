// The evaluation's figures on hand-written recorded answers (test/eval/recorded): two reviews of the
// real corpus and one of a diff case, with per-expert findings, a synthesis with quotes, confidences,
// verdicts and pre-existing tags, usage and cost; each filter is the review's own, run on the recording.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCorpus } from '../../eval/corpus';
import { parseRecordedReview, readRecorded } from '../../eval/recorded';
import { loadDiffCases } from '../../eval/diffCases';
import { truthOf } from '../../eval/evaluate';
import { formatTable, formatTotals, runTotals } from '../../eval/report';
import type { Score } from '../../eval/score';
import { ALL_EXPERTS, scoreStages, STAGES } from '../../eval/stages';

const RECORDED = join(__dirname, '../../eval/recorded');

/** found/expected, findings, false positives, of which on clean files. */
const figures = (s: Score | undefined) =>
  s && [`${s.found}/${s.expected}`, s.findings, s.falsePositives, s.cleanFalsePositives];

describe('eval: scoring recorded answers', () => {
  const score = async (minConfidence: number | undefined) => {
    const reviews = await readRecorded(RECORDED);
    return { reviews, scores: scoreStages(reviews, truthOf(loadCorpus(), loadDiffCases()), { minConfidence }) };
  };

  it('scores every expert and all experts after each filter with exact figures', async () => {
    const { reviews, scores } = await score(70);
    assert.deepEqual(
      reviews.map((r) => r.target),
      ['diff:billing-refunds', 'lib', 'shop-api'],
    );
    assert.deepEqual([...scores.keys()], ['Security', 'Correctness', 'Performance', 'Maintainability', ALL_EXPERTS]);
    const row = (name: string) => STAGES.map((stage) => figures(scores.get(name)!.get(stage)));
    // Security: the invented receipt quote goes at the evidence filter, the pre-existing SQL at the last one.
    assert.deepEqual(row('Security'), [
      ['3/14', 7, 4, 2],
      ['3/14', 7, 4, 2],
      ['3/14', 6, 3, 2],
      ['2/14', 4, 2, 1],
      ['2/14', 3, 1, 0],
      ['2/14', 2, 0, 0],
      ['2/14', 2, 0, 0],
    ]);
    assert.deepEqual(row(ALL_EXPERTS), [
      ['13/14', 24, 11, 3],
      ['14/14', 22, 8, 3],
      ['14/14', 21, 7, 3],
      ['11/14', 15, 4, 1],
      ['10/14', 13, 3, 0],
      ['10/14', 12, 2, 0],
      ['10/14', 12, 2, 0],
    ]);
    // Maintainability ran only in the shop-api review; the other reviews' bugs still count against it.
    assert.deepEqual(figures(scores.get('Maintainability')!.get('raised')), ['1/14', 2, 1, 0]);
    assert.deepEqual(figures(scores.get('Performance')!.get('synthesis')), ['0/14', 0, 0, 0]);

    const security = scores.get('Security')!.get('raised')!;
    assert.equal(security.precision, 3 / 7);
    assert.equal(security.recall, 3 / 14);
    assert.equal(security.f1, (2 * (3 / 7) * (3 / 14)) / (3 / 7 + 3 / 14));
    assert.equal(scores.get(ALL_EXPERTS)!.get('shown')!.precision, 10 / 12);
  });

  it('without a confidence filter, that stage removes nothing', async () => {
    const all = (await score(undefined)).scores.get(ALL_EXPERTS)!;
    assert.deepEqual(figures(all.get('confidence')), figures(all.get('evidence')));
  });

  it('adds up cost and the cache read share, and prints them with the table', async () => {
    const { reviews, scores } = await score(70);
    const totals = runTotals(reviews);
    assert.equal(totals.reviews, 3);
    assert.ok(Math.abs(totals.usd! - 0.2) < 1e-12);
    assert.equal(totals.inputTokens, 31_500 + 8_700);
    assert.equal(totals.outputTokens, 4_500 + 1_500);
    assert.equal(
      formatTotals(totals),
      '3 reviews · cost $0.2000 ($0.0667 a review) · 40,200 input tokens, 6,000 output · cache reads 80% of input',
    );

    const table = formatTable(scores, { minConfidence: 70, verify: 'all' }).split('\n');
    assert.equal(table.length, 2 + 5 * (1 + STAGES.length));
    const block = table.slice(table.indexOf('All experts'));
    assert.match(
      block.find((l) => l.includes('after synthesis'))!,
      /14\/14\s+22\s+64%\s+100%\s+0\.78\s+8\s+3$/,
    );
    assert.match(
      block.find((l) => l.includes('− unsupported quotes'))!,
      /14\/14\s+21\s+67%\s+100%\s+0\.80\s+7\s+3$/,
    );
    assert.match(
      block.find((l) => l.includes('− low confidence (< 70)'))!,
      /11\/14\s+15\s+73%/,
    );
    assert.match(
      block.find((l) => l.includes('− refuted (verify all)'))!,
      /10\/14\s+13\s+77%/,
    );
    assert.match(
      block.find((l) => l.includes('− pre-existing'))!,
      /10\/14\s+12\s+83%\s+71%\s+0\.77/,
    );
    assert.match(
      block.find((l) => l.trim().startsWith('shown'))!,
      /10\/14\s+12\s+83%\s+71%\s+0\.77\s+2\s+0$/,
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
