// The simulator's Message Batches endpoints through the real SDK: create, poll, JSONL results with
// cache reads across a group's requests, cancel, expiry, and the API's validation.
import assert from 'node:assert/strict';
import { batchRequest, batchResults, createBatch, createClient, waitForBatch } from '../../../src/core';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';

const KEY = fakeKey('batches');
const MODEL = 'claude-sonnet-5-5';
const BLOCK = Array.from({ length: 600 }, (_, i) => `line ${i}: const v${i} = ${i};`).join('\n');
const requests = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    batchRequest({ customId: `r${i}`, model: MODEL, maxTokens: 200, sharedSystem: BLOCK, prompt: `question ${i}` }),
  );

describe('simulator: Message Batches', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ apiKey: KEY });
  });
  afterEach(() => {
    sim.reset();
    sim.batches.configure({ processingMs: 0 });
  });
  after(() => sim.close());
  const client = () => createClient({ apiKey: KEY, baseURL: sim.url });

  it('answers every request in order; the first writes the shared block, the others read it', async () => {
    const batch = await createBatch(client(), requests(3));
    assert.equal(batch.processing_status, 'in_progress');
    const ended = await waitForBatch(client(), batch.id, { intervalMs: 5 });
    assert.equal(ended.request_counts.succeeded, 3);
    const results = await batchResults(client(), batch.id);
    assert.deepEqual(
      results.map((r) => r.customId),
      ['r0', 'r1', 'r2'],
    );
    assert.ok(results.every((r) => r.status === 'succeeded' && r.text.length > 0));
    assert.ok(results[0]!.usage.cacheWriteTokens > 0 && results[0]!.usage.cacheReadTokens === 0);
    assert.ok(results[1]!.usage.cacheReadTokens > 0 && results[2]!.usage.cacheReadTokens > 0);
    assert.equal(sim.log.length, 0, 'batches do not go through /v1/messages');
  });

  it('cancels and expires: unprocessed requests come back canceled or expired, at no cost', async () => {
    sim.batches.configure({ processingMs: Infinity });
    const canceled = await createBatch(client(), requests(2));
    const after = await client().messages.batches.cancel(canceled.id);
    assert.equal(after.processing_status, 'ended');
    assert.deepEqual(
      (await batchResults(client(), canceled.id)).map((r) => [r.status, r.cost.usd]),
      [
        ['canceled', 0],
        ['canceled', 0],
      ],
    );

    const expiring = await createBatch(client(), requests(1));
    sim.batches.expire();
    assert.deepEqual(
      (await batchResults(client(), expiring.id)).map((r) => r.status),
      ['expired'],
    );
  });

  it('a poll that fails retryably is retried; the batch is still waited for', async () => {
    const batch = await createBatch(client(), requests(1));
    sim.batches.failPolls(2);
    const before = sim.batches.polls.get(batch.id) ?? 0;
    const ended = await waitForBatch(client(), batch.id, { intervalMs: 5 });
    assert.equal(ended.processing_status, 'ended');
    assert.equal((sim.batches.polls.get(batch.id) ?? 0) - before, 1, 'two failed polls, then one that answered');
  });

  it('refuses what the API refuses: duplicate custom ids, streaming requests, unknown batches', async () => {
    const one = requests(1)[0]!;
    const streaming = { ...one, params: { ...one.params, stream: true } } as unknown as typeof one;
    await assert.rejects(createBatch(client(), [one, one]), /duplicate/);
    await assert.rejects(createBatch(client(), [streaming]), /stream/);
    await assert.rejects(client().messages.batches.retrieve('msgbatch_nope'), /No such batch/);
    await assert.rejects(
      createBatch(createClient({ apiKey: 'wrong', baseURL: sim.url }), requests(1)),
      (err: Error & { status?: number }) => err.status === 401,
    );
  });
});
