import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import Anthropic from '@anthropic-ai/sdk';
import { startSimulator, type Simulator } from '../../support/simulator/index';
import { KEY, rejection, sdk } from './helpers';

const MODEL = 'claude-sonnet-5-5';
const params = (content = 'hello') => ({
  model: MODEL,
  max_tokens: 500,
  messages: [{ role: 'user' as const, content }],
});

describe('simulator: concurrency and lifecycle', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ timeToFirstTokenMs: 30, tokensPerSecond: 2000 });
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  it('binds to 127.0.0.1 on a free port', () => {
    assert.match(sim.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(sim.port > 0);
    assert.equal(sim.url, `http://127.0.0.1:${sim.port}`);
  });

  it('tracks inFlight, maxConcurrent and concurrentAtStart', async () => {
    const client = sdk(sim);
    sim.holdResponses();
    const streams = [1, 2, 3].map((i) => client.messages.stream(params(`q${i}`)));
    await sim.waitForRequests(3);
    assert.equal(sim.inFlight(), 3);
    sim.releaseResponses();
    await Promise.all(streams.map((s) => s.finalMessage()));
    await sim.waitForIdle(1000);
    assert.equal(sim.inFlight(), 0);
    assert.equal(sim.maxConcurrent, 3);
    assert.deepEqual(sim.log.map((e) => e.concurrentAtStart).sort(), [1, 2, 3]);
    await client.messages.stream(params('alone')).finalMessage();
    assert.equal(sim.log.at(-1)!.concurrentAtStart, 1);
    sim.reset();
    assert.equal(sim.maxConcurrent, 0);
    assert.equal(sim.log.length, 0);
  });

  it('waitForIdle rejects on timeout while a request hangs', async () => {
    sim.enqueueFault({ kind: 'hang' });
    const controller = new AbortController();
    const pending = rejection(sdk(sim).messages.stream(params(), { signal: controller.signal }).finalMessage());
    await sim.waitForRequests(1);
    await assert.rejects(sim.waitForIdle(50), /still has 1 open request/);
    controller.abort();
    assert.ok((await pending) instanceof Anthropic.APIUserAbortError);
    await sim.waitForIdle(1000);
  });

  it('close() ends open streams and hung requests and stops listening', async () => {
    const own = await startSimulator({
      timeToFirstTokenMs: 5,
      tokensPerSecond: 50,
      outputTokens: 5000,
      pingIntervalMs: 20,
    });
    own.enqueueFault({ kind: 'hang' });
    const client = sdk(own);
    const hung = rejection(client.messages.stream(params('hang')).finalMessage());
    const streaming = client.messages.stream(params('stream'));
    await new Promise<void>((resolve) => streaming.on('text', () => resolve()));
    await own.close();
    assert.equal(own.inFlight(), 0);
    assert.ok(own.log.every((e) => e.closedAt !== undefined));
    assert.ok((await hung) instanceof Error);
    assert.ok((await rejection(streaming.finalMessage())) instanceof Error);
    await assert.rejects(fetch(`${own.url}/v1/models`));
  });

  it('cli.ts prints SIMULATOR_URL, serves requests with --responder and exits on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        './test/support/register-ts.mjs',
        'test/support/simulator/cli.ts',
        '--ttft',
        '1',
        '--tps',
        '0',
        '--api-key',
        KEY,
        '--responder',
        'test/unit/simulator/fixtures/shout-responder.ts',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const lines = createInterface({ input: child.stdout! });
      const [first] = (await once(lines, 'line')) as [string];
      const match = /^SIMULATOR_URL=(http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
      assert.ok(match, first);
      const client = new Anthropic({ apiKey: KEY, baseURL: match[1], maxRetries: 0 });
      const msg = await client.messages.create(params('quiet please'));
      assert.equal(msg.content[0]?.type === 'text' ? msg.content[0].text : '', 'QUIET PLEASE!');
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
