import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { startSimulator, type Simulator } from '../../support/simulator/index';
import { ManualClock } from '../../support/manualClock';
import { KEY, rejection, sdk } from './helpers';

const MODEL = 'claude-sonnet-5-5';
const params = (content = 'hello') => ({
  model: MODEL,
  max_tokens: 500,
  messages: [{ role: 'user' as const, content }],
});

describe('simulator: errors and faults', () => {
  let sim: Simulator;
  let client: Anthropic;
  before(async () => {
    sim = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    client = sdk(sim);
  });
  afterEach(async () => {
    await sim.waitForIdle(2000);
    sim.reset();
    sim.configure({ timeToFirstTokenMs: 5, tokensPerSecond: 0, outputTokens: 60, maxRequestBytes: 8 * 1024 * 1024 });
  });
  after(() => sim.close());

  it('401 authentication_error for a wrong key; x-api-key and Bearer are both accepted', async () => {
    const err = await rejection(sdk(sim, { apiKey: 'wrong' }).messages.create(params()));
    assert.ok(err instanceof Anthropic.AuthenticationError);
    assert.equal(err.type, 'authentication_error');
    assert.equal(err.requestID, sim.log[0]!.id);
    assert.equal(sim.log[0]!.apiKey, 'wrong');
    const raw = await fetch(`${sim.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
      body: JSON.stringify(params()),
    });
    assert.equal(raw.status, 200);
    await raw.json();
  });

  it('404 not_found_error for an unknown model', async () => {
    const err = await rejection(client.messages.create({ ...params(), model: 'claude-nonexistent-1' }));
    assert.ok(err instanceof Anthropic.NotFoundError);
    assert.equal(err.type, 'not_found_error');
    assert.equal(sim.log[0]!.model, 'claude-nonexistent-1');
  });

  it('400 invalid_request_error for bad JSON and missing fields, in the API error shape', async () => {
    const post = (body: string) =>
      fetch(`${sim.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
        body,
      });
    const bad = await post('{not json');
    assert.equal(bad.status, 400);
    const body = (await bad.json()) as { type: string; error: { type: string; message: string }; request_id: string };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'invalid_request_error');
    assert.equal(body.request_id, bad.headers.get('request-id'));
    const missing = await post(JSON.stringify({ model: MODEL, messages: [] }));
    assert.equal(missing.status, 400);
    assert.match(
      ((await missing.json()) as { error: { message: string } }).error.message,
      /max_tokens: Field required/,
    );
  });

  it('413 request_too_large above maxRequestBytes', async () => {
    sim.configure({ maxRequestBytes: 1000 });
    const err = await rejection(client.messages.create(params('x'.repeat(5000))));
    assert.ok(err instanceof Anthropic.APIError);
    assert.equal(err.status, 413);
    assert.equal(err.type, 'request_too_large');
  });

  it('429 with a retry-after header the caller can read', async () => {
    sim.enqueueFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    const err = await rejection(client.messages.stream(params()).finalMessage());
    assert.ok(err instanceof Anthropic.RateLimitError);
    assert.equal(err.headers.get('retry-after'), '7');
    assert.equal(err.type, 'rate_limit_error');
    assert.equal(sim.log[0]!.fault, 'status:429');
    assert.equal(sim.log[0]!.status, 429);
  });

  it('529 overloaded_error', async () => {
    sim.enqueueFault({ kind: 'status', status: 529 });
    const err = await rejection(client.messages.create(params()));
    assert.ok(err instanceof Anthropic.InternalServerError);
    assert.equal(err.status, 529);
    assert.equal(err.type, 'overloaded_error');
  });

  it('the SDK itself retries a 5xx on a streaming request before the stream starts', async () => {
    sim.enqueueFault({ kind: 'status', status: 500, retryAfterSeconds: 0.05 });
    const final = await sdk(sim, { maxRetries: 1 }).messages.stream(params()).finalMessage();
    assert.equal(final.stop_reason, 'end_turn');
    assert.deepEqual(
      sim.log.map((e) => e.status),
      [500, 200],
    );
  });

  it('faults are FIFO, honour match and times', async () => {
    sim.enqueueFault({ kind: 'status', status: 403, match: (req) => req.messages.length === 3 });
    sim.enqueueFault({ kind: 'status', status: 529, times: 2 });
    await rejection(client.messages.create(params('a')));
    await rejection(client.messages.create(params('b')));
    await client.messages.create(params('c'));
    const err = await rejection(
      client.messages.create({
        ...params(),
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: 'b' },
          { role: 'user', content: 'c' },
        ],
      }),
    );
    assert.ok(err instanceof Anthropic.PermissionDeniedError);
    assert.equal(err.type, 'permission_error');
    assert.deepEqual(
      sim.log.map((e) => e.status),
      [529, 529, 200, 403],
    );
  });

  it('a mid-stream error event surfaces as an APIError without status after the text so far', async () => {
    sim.enqueueFault({ kind: 'midStreamError', afterTokens: 8 });
    const stream = client.messages.stream(params());
    let text = '';
    stream.on('text', (t) => (text += t));
    const err = await rejection(stream.finalMessage());
    assert.ok(err instanceof Anthropic.APIError);
    assert.equal(err.status, undefined);
    assert.equal(err.type, 'overloaded_error');
    assert.deepEqual(err.error, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    assert.equal(text.length, 32, '8 tokens arrived before the error');
    const entry = sim.log[0]!;
    assert.equal(entry.status, 200);
    assert.equal(entry.errorType, 'overloaded_error');
    assert.equal(entry.completed, false);
    assert.equal(entry.aborted, false);
  });

  it('a dropped connection rejects the stream (not retried by the SDK once streaming)', async () => {
    sim.configure({ tokensPerSecond: 400 });
    sim.enqueueFault({ kind: 'drop', afterTokens: 8 });
    const stream = sdk(sim, { maxRetries: 2 }).messages.stream(params());
    let text = '';
    stream.on('text', (t) => (text += t));
    const err = await rejection(stream.finalMessage());
    assert.ok(
      err instanceof Anthropic.AnthropicError && !(err instanceof Anthropic.APIError),
      'a plain AnthropicError, not an APIConnectionError',
    );
    assert.equal(err.message, 'terminated');
    assert.equal(text.length, 32);
    assert.equal(sim.log.length, 1, 'the SDK does not retry a stream that already started');
    await sim.waitForIdle(1000);
    assert.equal(sim.log[0]!.fault, 'drop@8');
    assert.equal(sim.log[0]!.aborted, false, 'the server dropped it, the client did not abort');
    assert.ok(sim.log[0]!.closedAt !== undefined);
  });

  it('a malformed SSE data line rejects the stream with a SyntaxError', async () => {
    sim.enqueueFault({ kind: 'malformed', afterTokens: 4 });
    const quiet = new Anthropic({ apiKey: KEY, baseURL: sim.url, maxRetries: 0, logLevel: 'off' });
    const err = await rejection(quiet.messages.stream(params()).finalMessage());
    assert.ok(err instanceof Anthropic.AnthropicError);
    assert.ok(err.cause instanceof SyntaxError);
    assert.equal(sim.log[0]!.fault, 'malformed@4');
  });

  it('hang sends nothing, however long, until the client gives up (here the SDK timeout)', async () => {
    const clock = new ManualClock();
    const own = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 5, tokensPerSecond: 0, timers: clock });
    try {
      own.enqueueFault({ kind: 'hang' });
      const pending = rejection(sdk(own, { timeout: 150 }).messages.stream(params()).finalMessage());
      await own.waitForRequests(1);
      clock.advance(3_600_000);
      const entry = own.log[0]!;
      assert.equal(entry.status, 0, 'no headers after an hour');
      assert.equal(entry.closedAt, undefined, 'the server never gives up on its own');
      assert.ok((await pending) instanceof Anthropic.APIConnectionTimeoutError);
      await own.waitForIdle(1000);
      assert.equal(entry.status, 0);
      assert.equal(entry.aborted, true, 'the client closed it');
    } finally {
      await own.close();
    }
  });

  it('stall: headers and some text, then silence — the SDK timeout does not cover it', async () => {
    sim.enqueueFault({ kind: 'stall', afterTokens: 4 });
    const controller = new AbortController();
    const stream = sdk(sim, { timeout: 100 }).messages.stream(params(), { signal: controller.signal });
    let text = '';
    const fourTokens = new Promise<void>((resolve) =>
      stream.on('text', (t) => {
        text += t;
        if (text.length >= 16) resolve();
      }),
    );
    const settled = stream.finalMessage().then(
      () => 'done',
      () => 'failed',
    );
    await fourTokens;
    // Three times the SDK's timeout of silence (at least: a loaded machine only makes it longer).
    const outcome = await Promise.race([settled, new Promise((r) => setTimeout(() => r('still waiting'), 300))]);
    assert.equal(outcome, 'still waiting');
    assert.equal(text.length, 16);
    controller.abort();
    assert.ok((await rejection(stream.finalMessage())) instanceof Anthropic.APIUserAbortError);
    await sim.waitForIdle(1000);
    assert.equal(sim.log[0]!.aborted, true);
  });

  it('slow overrides pacing for one request', async () => {
    const clock = new ManualClock();
    const own = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 5, tokensPerSecond: 0, timers: clock });
    try {
      own.enqueueFault({
        kind: 'slow',
        timeToFirstTokenMs: 120,
        match: (r) => JSON.stringify(r.messages).includes('slow'),
      });
      const slowly = sdk(own).messages.stream(params('slow')).finalMessage();
      const normally = sdk(own).messages.stream(params('normal')).finalMessage();
      await own.waitForRequests(2);
      const slow = own.log.find((e) => e.fault === 'slow');
      const normal = own.log.find((e) => e.fault === undefined);
      clock.advance(5);
      assert.equal(normal!.messageStartAt, normal!.receivedAt + 5);
      assert.equal(slow!.messageStartAt, undefined);
      clock.advance(114);
      assert.equal(slow!.messageStartAt, undefined);
      clock.advance(1);
      assert.equal(slow!.messageStartAt, slow!.receivedAt + 120);
      await Promise.all([slowly, normally]);
    } finally {
      await own.close();
    }
  });

  it('aborting with an AbortController rejects with APIUserAbortError; the server sees the close without writing again', async () => {
    const clock = new ManualClock();
    const own = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 5, tokensPerSecond: 200, timers: clock });
    try {
      own.configure({ outputTokens: 2000 });
      const controller = new AbortController();
      const stream = sdk(own).messages.stream(params(), { signal: controller.signal });
      const firstText = new Promise<void>((resolve) => stream.on('text', () => resolve()));
      await own.waitForRequests(1);
      clock.advance(5 + 3 * 20); // message_start and four 4-token chunks, 20 ms apart
      await firstText;
      const entry = own.log[0]!;
      assert.equal(entry.streamedTokens, 16);
      controller.abort();
      const err = await rejection(stream.finalMessage());
      assert.ok(err instanceof Anthropic.APIUserAbortError);
      await own.waitForIdle(1000);
      assert.equal(entry.aborted, true);
      assert.equal(entry.completed, false);
      assert.equal(entry.closedAt, 65, 'closed with no simulated time passing after the abort');
      assert.equal(entry.streamedTokens, 16, 'nothing was written after the abort');
      assert.equal(own.inFlight(), 0);
      assert.equal(clock.pending, 0, 'its timers were cleared');
    } finally {
      await own.close();
    }
  });
});
