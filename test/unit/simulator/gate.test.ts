import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { ManualClock } from '../../support/manualClock';
import { startSimulator, type Simulator } from '../../support/simulator/index';
import { KEY, rejection, sdk } from './helpers';

const MODEL = 'claude-sonnet-5-5';
const params = (content = 'hello') => ({
  model: MODEL,
  max_tokens: 100,
  messages: [{ role: 'user' as const, content }],
});

describe('simulator: holding replies and waiting for requests', () => {
  let sim: Simulator;
  let clock: ManualClock;
  let client: Anthropic;
  beforeEach(async () => {
    clock = new ManualClock();
    sim = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 10, tokensPerSecond: 0, timers: clock });
    client = sdk(sim);
  });
  afterEach(() => sim.close());

  it('holds every reply past its time to first token until released, one at a time or all', async () => {
    sim.holdResponses();
    const streams = ['a', 'b', 'c'].map((q) => client.messages.stream(params(q)));
    const connected = streams.map((s) => new Promise<void>((resolve) => s.on('connect', () => resolve())));
    await sim.waitForRequests(3);
    await Promise.all(connected); // headers are not held
    clock.advance(60_000);
    assert.deepEqual(
      sim.log.map((e) => e.messageStartAt),
      [undefined, undefined, undefined],
    );
    assert.equal(sim.heldResponses, 3);
    assert.equal(sim.releaseResponses(1), 1);
    assert.equal(sim.log[0]!.messageStartAt, 60_000, 'released after its time to first token: begins at once');
    assert.equal(sim.log[1]!.messageStartAt, undefined);
    assert.equal(sim.releaseResponses(), 2);
    assert.deepEqual(
      sim.log.map((e) => e.messageStartAt),
      [60_000, 60_000, 60_000],
    );
    await Promise.all(streams.map((s) => s.finalMessage()));
    const late = client.messages.stream(params('late'));
    await sim.waitForRequests(4);
    clock.advance(10);
    assert.equal(sim.log[3]!.messageStartAt, 60_010, 'after releasing all, new replies are not held');
    await late.finalMessage();
  });

  it('a reply released before its time to first token still waits for it', async () => {
    sim.holdResponses();
    const stream = client.messages.stream(params());
    await sim.waitForRequests(1);
    sim.releaseResponses();
    clock.advance(9);
    assert.equal(sim.log[0]!.messageStartAt, undefined);
    clock.advance(1);
    assert.equal(sim.log[0]!.messageStartAt, 10);
    await stream.finalMessage();
  });

  it('holds non-streaming replies too, but never error replies', async () => {
    sim.holdResponses();
    sim.enqueueFault({ kind: 'status', status: 529, match: (r) => JSON.stringify(r.messages).includes('fail') });
    const whole = client.messages.create(params('whole'));
    const failed = rejection(client.messages.create(params('fail')));
    await sim.waitForRequests(2);
    assert.equal(sim.heldResponses, 1);
    assert.ok((await failed) instanceof Anthropic.APIError, 'the error came while the other reply was held');
    clock.advance(1000);
    assert.equal(sim.log.find((e) => e.status !== 529)?.messageStartAt, undefined);
    sim.releaseResponses();
    clock.advance(0); // the reply's generation time (none at tokensPerSecond 0) runs on the injected clock
    const message = await whole;
    assert.equal(message.usage.output_tokens, 60);
  });

  it('a held request whose client goes away gives up its place', async () => {
    sim.holdResponses();
    const controller = new AbortController();
    const gone = client.messages.stream(params('gone'), { signal: controller.signal });
    const kept = client.messages.stream(params('kept'));
    await sim.waitForRequests(2);
    controller.abort();
    assert.ok((await rejection(gone.finalMessage())) instanceof Anthropic.APIUserAbortError);
    while (sim.heldResponses > 1) await new Promise((r) => setImmediate(r));
    clock.advance(10);
    assert.equal(sim.releaseResponses(1), 1);
    const message = await kept.finalMessage();
    assert.match(message.content[0]?.type === 'text' ? message.content[0].text : '', /"kept"/);
    assert.equal(sim.log[0]!.aborted, true);
  });

  it('reset() releases what is held and waitForRequests counts from zero again', async () => {
    sim.holdResponses();
    const held = client.messages.stream(params());
    await sim.waitForRequests(1);
    sim.reset();
    assert.equal(sim.heldResponses, 0);
    clock.advance(10);
    await held.finalMessage();
    const next = sim.waitForRequests(1);
    const after = client.messages.stream(params('after'));
    await next;
    assert.equal(sim.log.length, 1);
    clock.advance(10);
    await after.finalMessage();
  });

  it('with afterTokens, a reply begins and streams that many tokens, then stays open until released', async () => {
    sim.configure({ tokensPerSecond: 400, outputTokens: 40 });
    sim.holdResponses({ afterTokens: 8 });
    const stream = client.messages.stream(params());
    let text = '';
    const eightTokens = new Promise<void>((resolve) =>
      stream.on('text', (t) => {
        text += t;
        if (text.length >= 32) resolve();
      }),
    );
    await sim.waitForRequests(1);
    const entry = sim.log[0]!;
    clock.advance(10);
    assert.equal(entry.messageStartAt, 10, 'not held at its first byte');
    clock.advance(10); // a second 4-token chunk, 10 ms (4 tokens at 400/s) after the first
    await eightTokens;
    clock.advance(60_000);
    assert.equal(entry.streamedTokens, 8);
    assert.equal(text.length, 32);
    assert.equal(sim.heldResponses, 1);
    sim.releaseResponses();
    assert.equal(entry.streamedTokens, 8, 'pacing resumes from the release');
    clock.advance(10);
    assert.equal(entry.streamedTokens, 12);
    clock.advance(70);
    const final = await stream.finalMessage();
    assert.equal(final.usage.output_tokens, 40);
    assert.equal(entry.endedAt, 60_100);
  });

  it('with afterTokens, a non-streaming reply begins (writing its cache) but is sent only when released', async () => {
    sim.holdResponses({ afterTokens: 0 });
    const whole = client.messages.create(params());
    await sim.waitForRequests(1);
    clock.advance(1000);
    assert.equal(sim.log[0]!.messageStartAt, 10);
    assert.equal(sim.log[0]!.status, 0, 'nothing sent yet');
    sim.releaseResponses();
    assert.equal((await whole).usage.output_tokens, 60);
  });

  it('a client that stops a stream held after its first tokens closes it there', async () => {
    sim.configure({ tokensPerSecond: 400, outputTokens: 400 });
    sim.holdResponses({ afterTokens: 4 });
    const controller = new AbortController();
    const stream = client.messages.stream(params(), { signal: controller.signal });
    stream.on('text', () => controller.abort());
    await sim.waitForRequests(1);
    clock.advance(10);
    assert.ok((await rejection(stream.finalMessage())) instanceof Anthropic.APIUserAbortError);
    await sim.waitForIdle();
    assert.equal(sim.heldResponses, 0);
    assert.equal(sim.log[0]!.aborted, true);
    assert.equal(sim.log[0]!.streamedTokens, 4);
  });

  it('waitForRequests fails clearly when the requests never come', async () => {
    await assert.rejects(sim.waitForRequests(2, 20), /received 0 of 2 expected request\(s\) in 20 ms/);
  });
});
