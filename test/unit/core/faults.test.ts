import assert from 'node:assert/strict';
import { invokeClaude, ClaudeInvocationError, retryNote, type ClientConfig, type RetryNotice } from '../../../src/core';
import type { Simulator } from '../../support/simulator';
import { fastRetry, withSimulator } from './helpers';
import { fakeKey } from '../../support/fakeKeys';

const failure = async (promise: Promise<unknown>): Promise<ClaudeInvocationError> => {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ClaudeInvocationError, `expected ClaudeInvocationError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
};

describe('core: retries and errors', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    ({ sim, client } = await withSimulator());
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ timeToFirstTokenMs: 5, tokensPerSecond: 0 });
  });
  after(() => sim.close());

  for (const status of [429, 500, 529]) {
    it(`retries a ${status} and succeeds`, async () => {
      sim.enqueueFault({ kind: 'status', status });
      const notices: RetryNotice[] = [];
      const result = await invokeClaude('retry me', {
        client,
        retry: fastRetry,
        onEvent: (e) => e.type === 'retry' && notices.push(e.notice),
      });
      assert.equal(result.status, 'completed');
      assert.equal(sim.log.length, 2);
      assert.equal(notices.length, 1);
      assert.equal(notices[0]?.error.statusCode, status);
    });
  }

  it('honours retry-after on a 429', async () => {
    sim.enqueueFault({ kind: 'status', status: 429, retryAfterSeconds: 1 });
    const notices: RetryNotice[] = [];
    await invokeClaude('wait for it', {
      client,
      retry: fastRetry,
      onEvent: (e) => e.type === 'retry' && notices.push(e.notice),
    });
    assert.equal(notices[0]?.delayMs, 1000);
    assert.match(retryNote(notices[0]!), /\. Retrying in 1\.0 s \(attempt 2 of 4\)\.$/);
    const gap = sim.log[1]!.receivedAt - sim.log[0]!.receivedAt;
    assert.ok(gap >= 950, `second attempt came ${gap} ms later`);
  });

  it('retries a connection dropped before any text', async () => {
    sim.enqueueFault({ kind: 'drop', afterTokens: 0 });
    const result = await invokeClaude('again', { client, retry: fastRetry });
    assert.equal(result.status, 'completed');
    assert.equal(sim.log.length, 2);
  });

  it('gives up after maxRetries and says how many attempts were made', async () => {
    sim.enqueueFault({ kind: 'status', status: 529, times: 10 });
    const err = await failure(invokeClaude('never', { client, retry: { ...fastRetry, maxRetries: 2 } }));
    assert.equal(err.kind, 'overloaded');
    assert.equal(err.details.attempts, 3);
    assert.equal(sim.log.length, 3);
  });

  for (const [status, kind] of [
    [400, 'invalidRequest'],
    [401, 'authentication'],
    [403, 'permission'],
    [404, 'notFound'],
    [413, 'tooLarge'],
  ] as const) {
    it(`does not retry a ${status} and names it ${kind}`, async () => {
      sim.enqueueFault({ kind: 'status', status });
      const err = await failure(invokeClaude('no', { client, retry: fastRetry }));
      assert.equal(err.statusCode, status);
      assert.equal(err.kind, kind);
      assert.equal(sim.log.length, 1);
    });
  }

  it('a wrong key is an authentication error with a fix in its message', async () => {
    const err = await failure(
      invokeClaude('hello', { client: { ...client, apiKey: fakeKey('wrong') }, retry: fastRetry }),
    );
    assert.equal(err.statusCode, 401);
    assert.match(err.message, /set a valid key/);
    assert.doesNotMatch(err.message, /sk-ant-wrong/);
  });

  it('an unknown model is a notFound error', async () => {
    const err = await failure(invokeClaude('hello', { client, model: 'claude-nonexistent-9' }));
    assert.equal(err.kind, 'notFound');
  });

  it('a mid-stream error surfaces with the partial text and is not retried', async () => {
    sim.enqueueFault({ kind: 'midStreamError', afterTokens: 12 });
    const chunks: string[] = [];
    const err = await failure(
      invokeClaude('stream then fail', {
        client,
        retry: fastRetry,
        onEvent: (e) => e.type === 'text' && chunks.push(e.text),
      }),
    );
    assert.equal(err.kind, 'overloaded');
    assert.equal(err.details.apiType, 'overloaded_error');
    assert.ok(err.partialText.length > 0);
    assert.equal(err.partialText, chunks.join(''));
    assert.equal(sim.log.length, 1);
  });

  it('a connection dropped mid-stream keeps the partial text', async () => {
    sim.configure({ tokensPerSecond: 400 }); // paced, so text reaches the client before the drop
    sim.enqueueFault({ kind: 'drop', afterTokens: 12 });
    const err = await failure(invokeClaude('drop me', { client, retry: fastRetry }));
    assert.equal(err.kind, 'connection');
    assert.ok(err.partialText.length > 0);
  });

  it('a malformed event is reported as such', async () => {
    sim.enqueueFault({ kind: 'malformed', afterTokens: 4 });
    const err = await failure(invokeClaude('garble', { client, retry: fastRetry }));
    assert.equal(err.kind, 'malformed');
  });

  it('a server that never answers times out instead of hanging', async () => {
    sim.enqueueFault({ kind: 'hang', times: 5 });
    const err = await failure(
      invokeClaude('anyone?', { client, idleTimeoutMs: 150, retry: { ...fastRetry, maxRetries: 1 } }),
    );
    assert.equal(err.kind, 'timeout');
    assert.equal(sim.log.length, 2, 'a timeout is retried');
    await sim.waitForIdle(1000);
  });

  it('aborting during a retry wait returns at once as interrupted', async () => {
    sim.enqueueFault({ kind: 'status', status: 429, retryAfterSeconds: 30 });
    const controller = new AbortController();
    const started = performance.now();
    let announcedWait = 0;
    const pending = invokeClaude('slow retry', {
      client,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type !== 'retry') return;
        announcedWait = e.notice.delayMs;
        controller.abort();
      },
    });
    const result = await pending;
    assert.equal(result.status, 'interrupted');
    assert.equal(announcedWait, 30_000);
    // Not served: it returned before the wait it announced could have ended (and the test's own limit is shorter).
    assert.ok(performance.now() - started < announcedWait);
    assert.equal(sim.log.length, 1, 'nothing was sent again');
  });
});
