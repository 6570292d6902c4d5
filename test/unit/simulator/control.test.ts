import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startSimulator } from '../../support/simulator';

describe('simulator: control routes for out-of-process tests', () => {
  it('serves the log, changes pacing and queues a fault matched by text; off by default', async () => {
    const sim = await startSimulator({ control: true });
    const plain = await startSimulator();
    try {
      const client = new Anthropic({ apiKey: 'k', baseURL: sim.url, maxRetries: 0 });
      const post = (path: string, body: unknown) =>
        fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
      assert.equal((await post('/_control/configure', { outputTokens: 7 })).status, 200);
      assert.equal((await post('/_control/fault', { kind: 'status', status: 529, matchText: 'fail me' })).status, 200);
      const ok = await client.messages.create({
        model: 'claude-sonnet-5-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'hello' }],
      });
      assert.equal(ok.usage.output_tokens, 7);
      await assert.rejects(
        client.messages.create({
          model: 'claude-sonnet-5-5',
          max_tokens: 100,
          messages: [{ role: 'user', content: 'please fail me' }],
        }),
        (e: unknown) => e instanceof Anthropic.APIError && e.status === 529,
      );
      const { log } = (await (await fetch(`${sim.url}/_control/log`)).json()) as { log: Array<{ status: number }> };
      assert.deepEqual(
        log.map((e) => e.status),
        [200, 529],
      );
      assert.equal((await post('/_control/reset', {})).status, 200);
      assert.equal(((await (await fetch(`${sim.url}/_control/log`)).json()) as { log: unknown[] }).log.length, 0);
      assert.notEqual((await fetch(`${plain.url}/_control/log`)).status, 200, 'no control routes unless enabled');
    } finally {
      await Promise.all([sim.close(), plain.close()]);
    }
  });

  it('holds replies, waits for requests and releases them over the routes', async () => {
    const sim = await startSimulator({ control: true, timeToFirstTokenMs: 0 });
    try {
      const client = new Anthropic({ apiKey: 'k', baseURL: sim.url, maxRetries: 0 });
      const post = async (path: string, body: unknown = {}) => {
        const res = await fetch(`${sim.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
        return { status: res.status, body: (await res.json()) as Record<string, unknown> };
      };
      assert.equal((await post('/_control/hold')).status, 200);
      const ask = (content: string) =>
        client.messages.stream({ model: 'claude-sonnet-5-5', max_tokens: 50, messages: [{ role: 'user', content }] });
      const streams = [ask('one'), ask('two')];
      assert.deepEqual(await post('/_control/wait-for-requests', { count: 2 }), { status: 200, body: { ok: true } });
      const { log, heldResponses } = (await (await fetch(`${sim.url}/_control/log`)).json()) as {
        log: Array<{ messageStartAt?: number }>;
        heldResponses: number;
      };
      assert.equal(heldResponses, 2);
      assert.ok(log.every((e) => e.messageStartAt === undefined));
      assert.deepEqual((await post('/_control/release', { count: 1 })).body, { released: 1 });
      assert.deepEqual((await post('/_control/release')).body, { released: 1 });
      await Promise.all(streams.map((s) => s.finalMessage()));
      const timedOut = await post('/_control/wait-for-requests', { count: 3, timeoutMs: 20 });
      assert.equal(timedOut.status, 504);
      assert.match(String(timedOut.body['error']), /received 2 of 3/);
    } finally {
      await sim.close();
    }
  });
});
