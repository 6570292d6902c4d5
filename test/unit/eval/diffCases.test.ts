// The evaluation's diff cases (test/eval/diffs) and what a review did on them (diffVerdicts.ts), scored
// on the hand-written recorded answer (test/eval/recorded/diff-billing-refunds.json) with the review's
// own filters: the introduced bug shown, the pre-existing one tagged and not shown, the intended change
// and the invented quote not shown.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadCorpus } from '../../eval/corpus';
import { diffTargetOf, loadDiffCases, type DiffCase } from '../../eval/diffCases';
import { diffVerdicts, formatDiffVerdicts } from '../../eval/diffVerdicts';
import { parseRecordedReview, readRecorded, type RecordedReview } from '../../eval/recorded';

const RECORDED = join(__dirname, '../../eval/recorded');

async function recording(): Promise<{ c: DiffCase; review: RecordedReview }> {
  const c = loadDiffCases().find((d) => d.id === 'billing-refunds')!;
  const review = (await readRecorded(RECORDED)).find((r) => r.target === diffTargetOf(c))!;
  return { c, review };
}

/** The recording with one synthesis finding changed (found by its first line). */
function edited(review: RecordedReview, line: number, change: Record<string, unknown>): RecordedReview {
  const json = JSON.parse(JSON.stringify(review)) as { synthesis: Array<Record<string, unknown>> };
  json.synthesis = json.synthesis.map((f) => (f['startLine'] === line ? { ...f, ...change } : f));
  return parseRecordedReview(json, 'edited');
}

const oks = (c: DiffCase, review: RecordedReview) =>
  Object.fromEntries(diffVerdicts(c, review, { minConfidence: 70 }).map((v) => [v.expectation.expect, v.ok]));

describe('eval: diff cases', () => {
  it('puts each expected code on its lines of the new text, changed or not as the case says', () => {
    const corpusFiles = new Set(loadCorpus().files.map((f) => f.file));
    const cases = loadDiffCases();
    assert.deepEqual(cases.flatMap((c) => [...new Set(c.expect.map((e) => e.expect))]).sort(), [
      'found',
      'intended',
      'invented',
      'pre-existing',
    ]);
    for (const c of cases) {
      assert.ok(c.message.trim().length > 20, `${c.id} has a commit message`);
      for (const e of c.expect) {
        assert.ok(!corpusFiles.has(e.file), `${e.file} is not a corpus file too`);
        const text = [...Array(e.lines[1] - e.lines[0] + 1).keys()]
          .map((i) => c.listing.get(e.file)?.get(e.lines[0] + i) ?? '')
          .join('\n');
        assert.ok(text.includes(e.code), `${c.id}: "${e.code}" on ${e.file}:${e.lines[0]}`);
        const changed = (c.changedLines.get(e.file) ?? []).some(
          (r) => r.startLine <= e.lines[1] && e.lines[0] <= r.endLine,
        );
        assert.equal(changed, e.expect !== 'pre-existing', `${c.id}: ${e.file}:${e.lines[0]} (${e.expect})`);
      }
    }
  });

  it('on the recorded answer: found shown, pre-existing tagged and hidden, intended and invented not shown', async () => {
    const { c, review } = await recording();
    const verdicts = diffVerdicts(c, review, { minConfidence: 70 });
    const by = Object.fromEntries(verdicts.map((v) => [v.expectation.expect, v]));
    assert.deepEqual({ shown: by['found']!.shown, ok: by['found']!.ok }, { shown: 1, ok: true });
    assert.deepEqual([by['pre-existing']!.shown, by['pre-existing']!.tagged, by['pre-existing']!.ok], [0, 1, true]);
    assert.deepEqual(by['intended']!.hidden, ['lowConfidence']);
    assert.deepEqual(by['invented']!.hidden, ['unsupported'], 'the quote is checked against the diff listing');
    assert.ok(verdicts.every((v) => v.ok));
    assert.deepEqual(formatDiffVerdicts(c.id, verdicts).slice(0, 3), [
      '  billing-refunds',
      '    ok    billing/refunds.ts:35 lost-update (must be shown): 1 shown',
      '    ok    billing/refunds.ts:23 sql-injection (must be tagged pre-existing, not shown): 0 shown, hidden: outsideChanges, 1 tagged pre-existing',
    ]);
  });

  it('says MISS when a filter lets a trap through or hides the real bug', async () => {
    const { c, review } = await recording();
    // A true quote of the receipt line: the evidence filter no longer hides the finding.
    const quoted = edited(review, 43, { evidence: 'return `Refund for order ${escapeHtml(orderId)}: €${euros}`;' });
    assert.equal(oks(c, quoted)['invented'], false);
    assert.equal(oks(c, edited(review, 23, { preExisting: false }))['pre-existing'], false, 'not tagged');
    assert.equal(oks(c, edited(review, 19, { confidence: 90 }))['intended'], false);
    const refuted = edited(review, 35, { verification: { verdict: 'refuted', reason: 'guarded' } });
    assert.equal(oks(c, refuted)['found'], false);
  });
});
