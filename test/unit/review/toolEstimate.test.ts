import assert from 'node:assert/strict';
import { estimateTokens } from '../../../src/core';
import { BUILTIN_EXPERTS, expertsNamed, formatEstimate, localEstimate } from '../../../src/review';

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
    const fromText = localEstimate(text, BUILTIN_EXPERTS, 'm', prices);
    const fromSize = localEstimate(estimateTokens(text), BUILTIN_EXPERTS, 'm', prices);
    assert.deepEqual(fromSize, fromText);
    assert.ok(fromSize.highUsd > 0);
    assert.match(formatEstimate(fromSize), new RegExp(`^${BUILTIN_EXPERTS.length} experts · ~`));
  });
});
