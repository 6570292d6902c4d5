import assert from 'node:assert/strict';
import { countHidden, partitionFindings, type Finding } from '../../../src/review/findings';

const finding = (id: string, extra: Partial<Finding> = {}): Finding => ({
  id,
  file: 'src/a.ts',
  startLine: 10,
  endLine: 12,
  severity: 'high',
  title: id,
  explanation: '',
  experts: ['Security'],
  ...extra,
});

describe('finding visibility', () => {
  it('hides findings below the minimum confidence and keeps those without one', () => {
    const { shown, hidden } = partitionFindings(
      [finding('low', { confidence: 40 }), finding('high', { confidence: 90 }), finding('unscored')],
      { minConfidence: 70 },
    );
    assert.deepEqual(
      shown.map((f) => f.id),
      ['high', 'unscored'],
    );
    assert.deepEqual(
      hidden.map((h) => [h.finding.id, h.reason]),
      [['low', 'lowConfidence']],
    );
  });

  it('keeps only findings that overlap a changed range of their own file', () => {
    const changedLines = new Map([['src/a.ts', [{ startLine: 12, endLine: 12 }]]]);
    const { shown, hidden } = partitionFindings(
      [
        finding('touches'),
        finding('before', { startLine: 1, endLine: 11 }),
        finding('elsewhere', { file: 'src/b.ts' }),
      ],
      { changedLines },
    );
    assert.deepEqual(
      shown.map((f) => f.id),
      ['touches'],
    );
    assert.deepEqual(
      hidden.map((h) => h.reason),
      ['outsideChanges', 'outsideChanges'],
    );
  });

  it('says the strongest reason first and counts reasons in a fixed order', () => {
    const { hidden } = partitionFindings(
      [
        finding('dismissed', { confidence: 10 }),
        finding('refuted', { confidence: 10, verification: { verdict: 'refuted', reason: 'guarded above' } }),
        finding('low', { confidence: 10 }),
        finding('low2', { confidence: 20 }),
      ],
      { minConfidence: 70, dismissed: new Set(['dismissed']) },
    );
    assert.deepEqual(
      hidden.map((h) => h.reason),
      ['dismissed', 'refuted', 'lowConfidence', 'lowConfidence'],
    );
    assert.deepEqual(countHidden(hidden), [
      { reason: 'lowConfidence', count: 2 },
      { reason: 'refuted', count: 1 },
      { reason: 'dismissed', count: 1 },
    ]);
  });
});
