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
});
