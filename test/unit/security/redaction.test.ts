// A key with an embedded line break (from ANTHROPIC_API_KEY) came back inside the SDK's header error.
// Such keys are refused, and whatever a note or error quotes is redacted before it is shown or stored.
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { redact } from '../../../src/core';
import { ThreadStore } from '../../../src/chat';
import { apiKeyProblem } from '../../../src/extension/apiKeyCheck';
import { ReviewHistory } from '../../../src/extension/review/reviewHistory';
import type { ReviewSnapshot } from '../../../src/extension/review/reviewSnapshot';
import { silentLogger } from '../../../src/core';
import { fakeKey } from '../../support/fakeKeys';
import { MemoryStore } from '../chat/helpers';
import { withSimulator } from '../core/helpers';

// The second half is not key-shaped: only knowing the key can redact it.
const brokenKey = () => `${fakeKey('env')}\nsecondhalf${'q'.repeat(12)}`;
const SECOND_HALF = /secondhalfq{12}/;

describe('security: keys with control characters, and redaction of notes', () => {
  it('refuses a key with a line break or other control character, with a clear message', () => {
    for (const bad of [brokenKey(), `${fakeKey('a')}\r`, `${fakeKey('b')}\u0000`, `x\ty${'z'.repeat(10)}`]) {
      assert.match(
        apiKeyProblem(bad, 'ANTHROPIC_API_KEY') ?? '',
        /ANTHROPIC_API_KEY .*line break or another control character/,
      );
      assert.match(apiKeyProblem(bad, 'entered') ?? '', /control character/);
    }
    assert.equal(apiKeyProblem(fakeKey('fine'), 'stored'), undefined);
  });

  it("redacts both halves of such a key from the real SDK's error, verbatim or JSON-escaped", async () => {
    const { sim, client } = await withSimulator();
    try {
      const sdk = new Anthropic({ apiKey: brokenKey(), baseURL: client.baseURL, maxRetries: 0 });
      const error = await sdk.messages
        .create({ model: 'claude-sonnet-5-5', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] })
        .then(
          () => assert.fail('the SDK sent a malformed header'),
          (e: unknown) => String(e),
        );
      assert.match(error, SECOND_HALF, 'the SDK error quotes the key (why this matters)');
      for (const text of [error, JSON.stringify({ error }), `header value ${JSON.stringify(brokenKey())}`]) {
        const out = redact(text, [brokenKey()]);
        assert.doesNotMatch(out, SECOND_HALF, out);
        assert.doesNotMatch(out, /sk-ant/, out);
      }
    } finally {
      await sim.close();
    }
  });

  it('review history stores notes and errors redacted', async () => {
    const store = new MemoryStore();
    const key = brokenKey();
    const history = new ReviewHistory(
      store as never,
      silentLogger,
      () => undefined,
      () => [key],
    );
    const snapshot: ReviewSnapshot = {
      reviewId: 'r1',
      title: 'Review',
      rootUri: 'file:///w',
      targets: [],
      reviewedFiles: [],
      sections: [{ id: 's', title: 'S' }],
      excluded: [],
      simulated: false,
      startedAt: '2026-11-30T09:00:00Z',
      findings: [],
      dropped: 0,
      state: { s: { status: 'failed', raw: '', note: `Headers.append: "Bearer ${key}" is an invalid header value.` } },
      done: { status: 'failed', message: `failed: ${key}` },
    };
    await history.save(snapshot, true);
    const stored = JSON.stringify(store.get('claudeMultiAgent.reviews'));
    assert.doesNotMatch(stored, SECOND_HALF);
    assert.doesNotMatch(stored, /sk-ant/);
    assert.match(stored, /\[REDACTED\]/);
  });

  it('chat stores questions and failed-turn notes redacted', async () => {
    const backing = new MemoryStore();
    const key = brokenKey();
    const store = new ThreadStore(backing, { secrets: () => [key] });
    await store.save({
      key: 'file:///a.ts',
      updatedAt: 1,
      turns: [
        { role: 'user', text: `why does ${fakeKey('pasted')} fail?`, at: 1 },
        {
          role: 'assistant',
          text: '',
          status: 'failed',
          note: `TypeError: Headers.append: "${key}" is an invalid header value.`,
          at: 1,
        },
      ],
    });
    const stored = JSON.stringify(backing.get(store.storageKey('file:///a.ts')));
    assert.doesNotMatch(stored, SECOND_HALF);
    assert.doesNotMatch(stored, /sk-ant/);
  });
});
