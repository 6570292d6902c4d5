import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { estimateTokens } from '../../../src/core';
import {
  BUILTIN_EXPERTS,
  estimateReview,
  expertsNamed,
  fileBlockText,
  formatEstimate,
  localEstimate,
} from '../../../src/review';
import { fakeKey } from '../../support/fakeKeys';

describe('review: what a language-model tool asks for before it runs', () => {
  it('finds experts by id or name in any case, and none for an unknown name', () => {
    const security = BUILTIN_EXPERTS.find((e) => e.name === 'Security')!;
    assert.deepEqual(
      expertsNamed(BUILTIN_EXPERTS, ['security']).map((e) => e.id),
      [security.id],
    );
    assert.deepEqual(
      expertsNamed(BUILTIN_EXPERTS, [` ${security.id.toUpperCase()} `]).map((e) => e.id),
      [security.id],
    );
    assert.deepEqual(expertsNamed(BUILTIN_EXPERTS, ['Astrology']), []);
  });

  it('estimates from the code size before the code is read, as the panel does from its text', () => {
    const text = 'const answer = compute(42);\n'.repeat(500);
    const prices = { m: { input: 3, output: 15 } };
    const shape = { experts: BUILTIN_EXPERTS, model: 'm', maxTokens: 4096, synthesis: true, prices };
    const fromText = localEstimate(text, shape);
    const fromSize = localEstimate(estimateTokens(text), shape);
    assert.deepEqual(fromSize, fromText);
    assert.ok(fromSize.highUsd > 0);
    assert.match(formatEstimate(fromSize), new RegExp(`^${BUILTIN_EXPERTS.length} experts · ~`));
  });
});

describe('review: one estimator for every surface (issue 28)', () => {
  it('the picker’s local estimate of a file is the review’s own estimate when tokens are counted locally', async () => {
    const text = await readFile(join(__dirname, '../../e2e/fixtures/sample-workspace/src/orders.ts'), 'utf8');
    const block = fileBlockText('src/orders.ts', text);
    const shape = {
      experts: BUILTIN_EXPERTS,
      model: 'claude-sonnet-5-5',
      maxTokens: 1000,
      synthesis: true,
      verify: 'high-severity' as const,
      prices: { 'claude-sonnet-5-5': { input: 3, output: 15 } },
    };
    const review = await estimateReview({
      client: { apiKey: fakeKey('estimate'), baseURL: 'http://127.0.0.1:9' },
      block: { system: block, prefixKey: block },
      ...shape,
    });
    assert.equal(review.counted, 'local');
    const picker = localEstimate(block, shape);
    assert.deepEqual(picker, review, 'the same requests (synthesis too), output cap and cache economics');
    assert.equal(picker.requests, BUILTIN_EXPERTS.length + 1, 'the synthesis request is counted');
    assert.equal(formatEstimate(picker), formatEstimate(review));
    assert.ok(picker.verifyUsdPerFinding! > 0, 'both say what a verifier costs');
    assert.match(formatEstimate(picker), / · verify ≤ \$[\d.]+ a finding/);
    assert.ok(picker.sharedTokens > estimateTokens(text), 'the block the review sends, numbered, not the bare text');
  });
});
