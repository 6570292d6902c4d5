// The pure parts of a batch sweep: grouping by budget, the batch request's cache breakpoint, the
// merge of results into placed findings with the cost per group at the batch price.
import assert from 'node:assert/strict';
import { batchRequest, BATCH_PRICE_FACTOR, costOf, emptyUsage } from '../../../src/core';
import { BUILTIN_EXPERTS, mergeSweep, splitIntoGroups, sweepAsReview, type SweepState } from '../../../src/review';

describe('review: sweep', () => {
  it('splits files into groups that fit the budget, in order, a file never split', () => {
    const files = [
      { path: 'a.ts', startLine: 1, endLine: 10, tokens: 400 },
      { path: 'b.ts', startLine: 1, endLine: 10, tokens: 500 },
      { path: 'c.ts', startLine: 1, endLine: 10, tokens: 300 },
      { path: 'd.ts', startLine: 1, endLine: 10, tokens: 2000 },
      { path: 'e.ts', startLine: 1, endLine: 10, tokens: 100 },
    ];
    assert.deepEqual(splitIntoGroups(files, 1000), [['a.ts', 'b.ts'], ['c.ts'], ['d.ts'], ['e.ts']]);
    assert.deepEqual(splitIntoGroups(files, 10_000), [['a.ts', 'b.ts', 'c.ts', 'd.ts', 'e.ts']]);
  });

  it('puts the cache breakpoint on the group block of each batch request, never streaming', () => {
    const block = 'x '.repeat(20_000);
    const req = batchRequest({
      customId: 'g0-e0',
      model: 'claude-sonnet-5-5',
      maxTokens: 1000,
      sharedSystem: block,
      prompt: 'review',
    });
    assert.equal(req.custom_id, 'g0-e0');
    assert.equal(req.params.stream, undefined);
    const system = req.params.system as Array<{ text: string; cache_control?: unknown }>;
    assert.equal(system[0]!.text, block);
    assert.deepEqual(system[0]!.cache_control, { type: 'ephemeral' });
  });

  it('merges answers into placed findings with the cost per group, failed requests reported', () => {
    const [security, performance] = BUILTIN_EXPERTS;
    const state: SweepState = {
      version: 2,
      key: 'k',
      scope: { paths: ['.'], experts: ['security', 'performance'], model: 'claude-sonnet-5-5', settings: '' },
      contents: {},
      batchId: 'b1',
      createdAt: '',
      title: 'Sweep: src',
      groups: [
        { paths: ['a.ts'], files: [{ path: 'a.ts', startLine: 1, endLine: 20 }], contextTokens: 100 },
        { paths: ['b.ts'], files: [{ path: 'b.ts', startLine: 1, endLine: 20 }], contextTokens: 100 },
      ],
      experts: [security!, performance!],
      requests: {
        'g0-e0': { group: 0, expert: 0 },
        'g0-e1': { group: 0, expert: 1 },
        'g1-e0': { group: 1, expert: 0 },
        'g1-e1': { group: 1, expert: 1 },
      },
      leftOut: { total: 0, byReason: [], shown: [] },
    };
    const usage = { ...emptyUsage(), inputTokens: 1000, outputTokens: 100 };
    const cost = costOf(usage, 'claude-sonnet-5-5');
    const half = {
      usd: cost.usd! * BATCH_PRICE_FACTOR,
      uncachedUsd: cost.uncachedUsd! * BATCH_PRICE_FACTOR,
      inputUsd: cost.inputUsd! * BATCH_PRICE_FACTOR,
    };
    const answer = (file: string) =>
      JSON.stringify({
        summary: 's',
        findings: [
          {
            file,
            startLine: 3,
            endLine: 3,
            severity: 'high',
            title: `Bug in ${file}`,
            explanation: 'e',
            suggestedFix: null,
          },
        ],
      });
    const ok = (customId: string, text: string) => ({
      customId,
      status: 'succeeded' as const,
      text,
      usage,
      model: 'claude-sonnet-5-5',
      cost: half,
    });
    const out = mergeSweep(
      state,
      [
        ok('g0-e0', answer('a.ts')),
        ok('g0-e1', '{"summary":"","findings":[]}'),
        ok('g1-e0', answer('b.ts')),
        {
          customId: 'g1-e1',
          status: 'expired',
          text: '',
          usage: emptyUsage(),
          model: '',
          cost: { usd: 0, uncachedUsd: 0, inputUsd: 0 },
          error: 'expired',
        },
      ],
      false,
    );
    assert.deepEqual(out.merged.findings.map((f) => f.file).sort(), ['a.ts', 'b.ts']);
    assert.deepEqual(out.merged.findings[0]!.experts, [security!.name], 'credited to the expert, not the group');
    assert.equal(out.unanswered, 1);
    assert.equal(out.results.find((r) => r.error)?.error, 'expired');
    assert.ok(Math.abs(out.groups[0]!.cost.usd! - 2 * half.usd) < 1e-12, 'group 1: two answers at the batch price');
    assert.ok(Math.abs(out.groups[1]!.cost.usd! - half.usd) < 1e-12, 'group 2: one answer, the expired one is free');

    // Shown as a review: a lane per expert (its groups together), the review's visibility rules.
    const dismissedId = out.merged.findings.find((f) => f.file === 'b.ts')!.id;
    const shown = sweepAsReview(out, {
      reviewId: 'r1',
      root: '/w',
      startedAt: '2026-01-01T00:00:00.000Z',
      visibility: { minConfidence: 70, dismissed: new Set([dismissedId]) },
      priced: 'at the batch price',
    });
    assert.deepEqual(shown.plan.reviewedFiles, ['a.ts', 'b.ts']);
    assert.deepEqual(
      shown.plan.sections.map((s) => s.id),
      ['security', 'performance'],
    );
    assert.deepEqual(
      shown.record.findings.map((f) => f.file),
      ['a.ts'],
    );
    assert.deepEqual(
      shown.record.hidden?.map((h) => [h.finding.file, h.reason]),
      [['b.ts', 'dismissed']],
    );
    assert.deepEqual(
      shown.lanes.map((l) => [l.id, l.status, l.note]),
      [
        ['security', 'done', '2 findings over 2 groups'],
        ['performance', 'done', '1 of 2 groups unanswered (expired); 0 found in the rest'],
      ],
    );
    assert.match(
      shown.record.message ?? '',
      /^Swept at the batch price: group 1 \$[\d.]+, group 2 \$[\d.]+\. 1 request was not answered\.$/,
    );
  });
});
