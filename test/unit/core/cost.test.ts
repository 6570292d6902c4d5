import assert from 'node:assert/strict';
import {
  costOf,
  addCosts,
  findPrice,
  planCache,
  redact,
  redactingLogger,
  formatUsd,
  MAX_CACHE_BREAKPOINTS,
} from '../../../src/core';
import { bigContext } from './helpers';
import { fakeKey } from '../../support/fakeKeys';

describe('core: cost, cache plan and redaction', () => {
  it('prices known models, dated ids by alias, and reports unknown models as unknown', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheWriteTokens: 0, cacheReadTokens: 0 };
    assert.equal(costOf(usage, 'claude-sonnet-5-5').usd, 12);
    assert.equal(findPrice('claude-haiku-4-5-20251001')?.input, 1);
    const unknown = costOf(usage, 'claude-mystery-1');
    assert.equal(unknown.usd, undefined);
    assert.equal(formatUsd(unknown.usd), 'unknown');
    // One format at every size, so "$0.01" and "$0.0032" never sit side by side.
    assert.deepEqual([0, 0.0032, 0.01, 0.25, 12.5].map(formatUsd), [
      '$0.0000',
      '$0.0032',
      '$0.0100',
      '$0.2500',
      '$12.5000',
    ]);
    assert.equal(costOf(usage, 'my-model', { 'my-model': { input: 1, output: 1 } }).usd, 2);
  });

  it('says what the calls would have cost without caching', () => {
    const cached = costOf(
      { inputTokens: 100, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 10_000 },
      'claude-sonnet-5-5',
    );
    assert.ok(cached.uncachedUsd! > cached.usd! * 5);
    const sum = addCosts([
      cached,
      costOf({ inputTokens: 1, outputTokens: 1, cacheWriteTokens: 0, cacheReadTokens: 0 }, 'unknown-x'),
    ]);
    assert.equal(sum.usd, cached.usd, 'unknown parts do not poison the known total');
  });

  it('never places more than the API allows, keeping caller breakpoints', () => {
    const marked = (text: string) => ({ type: 'text' as const, text, cache_control: { type: 'ephemeral' as const } });
    const plan = planCache({
      model: 'claude-sonnet-5-5',
      sharedSystem: [marked(bigContext('a')), marked(bigContext('b')), marked(bigContext('c'))],
      system: bigContext('own'),
      cacheSystem: true,
      messages: [{ role: 'user', content: bigContext('msg') }],
      cacheLastMessage: true,
    });
    assert.equal(plan.breakpoints, MAX_CACHE_BREAKPOINTS);
    assert.equal((JSON.stringify(plan).match(/cache_control/g) ?? []).length, MAX_CACHE_BREAKPOINTS);
    assert.ok(plan.skipped.some((s) => /at most 4/.test(s)));
  });

  it('uses the Haiku minimum for Haiku models', () => {
    const text = 'y'.repeat(4500); // ~1500 tokens: enough for Sonnet, not for Haiku
    assert.equal(
      planCache({
        model: 'claude-sonnet-5-5',
        sharedSystem: text,
        cacheSharedSystem: true,
        messages: [{ role: 'user', content: 'q' }],
      }).sharedCached,
      true,
    );
    assert.equal(
      planCache({
        model: 'claude-haiku-4-5',
        sharedSystem: text,
        cacheSharedSystem: true,
        messages: [{ role: 'user', content: 'q' }],
      }).sharedCached,
      false,
    );
  });

  it("does not modify the caller's history", () => {
    const messages = [{ role: 'user' as const, content: [{ type: 'text' as const, text: bigContext('m') }] }];
    planCache({ model: 'claude-sonnet-5-5', messages, cacheLastMessage: true });
    assert.equal(JSON.stringify(messages).includes('cache_control'), false);
  });

  it('redacts keys wherever they appear in a log line', () => {
    const key = fakeKey('api03');
    assert.equal(redact(`failed with key ${key}`), 'failed with key [REDACTED]');
    assert.equal(redact('x-api-key: custom-secret-value'), 'x-api-key: [REDACTED]');
    const lines: string[] = [];
    const log = redactingLogger({ debug() {}, info: (m) => lines.push(m), warn() {}, error() {} }, () => [
      'my-own-secret-123',
    ]);
    log.info('token my-own-secret-123 leaked?');
    assert.deepEqual(lines, ['token [REDACTED] leaked?']);
  });
});
