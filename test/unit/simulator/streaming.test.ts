import assert from 'node:assert/strict';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { countTokens, defaultReplyText, startSimulator, type Simulator } from '../../support/simulator/index';
import { ManualClock } from '../../support/manualClock';
import { KEY, rawEvents, sdk } from './helpers';

const MODEL = 'claude-sonnet-5-5';

describe('simulator: messages', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ timeToFirstTokenMs: 5, tokensPerSecond: 0, responder: undefined, outputTokens: 60 });
  });
  after(() => sim.close());

  it('streams the events in the API order and the SDK assembles the reply', async () => {
    const stream = sdk(sim).messages.stream({
      model: MODEL,
      max_tokens: 1000,
      messages: [{ role: 'user', content: 'Review this function please' }],
    });
    const types: string[] = [];
    let text = '';
    stream.on('text', (delta) => (text += delta));
    for await (const event of stream) types.push((event as RawMessageStreamEvent).type);
    const final = await stream.finalMessage();
    const deltas = types.filter((t) => t === 'content_block_delta').length;
    assert.deepEqual(
      types.filter((t) => t !== 'content_block_delta'),
      ['message_start', 'content_block_start', 'content_block_stop', 'message_delta', 'message_stop'],
    );
    assert.equal(types.indexOf('content_block_delta'), 2);
    assert.equal(deltas, 15, '60 tokens in chunks of 4');
    assert.match(text, /^Simulated reply \(model claude-sonnet-5-5\) to: "Review this function please"\. /);
    assert.equal(countTokens(text), 60);
    assert.equal(final.content[0]?.type === 'text' ? final.content[0].text : '', text);
    assert.equal(final.stop_reason, 'end_turn');
    assert.equal(final.usage.output_tokens, 60);
    assert.equal(final.usage.input_tokens, countTokens('Review this function please'));
    const entry = sim.log[0]!;
    assert.equal(entry.completed, true);
    assert.equal(entry.aborted, false);
    assert.equal(entry.status, 200);
    assert.equal(entry.apiKey, KEY, 'the SDK key (sent as Authorization: Bearer) is logged');
    assert.equal(entry.headers['authorization'], undefined, 'credentials are not kept in headers');
    assert.ok(
      entry.receivedAt <= entry.messageStartAt! &&
        entry.messageStartAt! <= entry.firstTokenAt! &&
        entry.firstTokenAt! <= entry.endedAt!,
    );
    assert.ok(entry.closedAt! >= entry.endedAt!);
    assert.equal(final.id, entry.messageId);
  });

  it('frames raw SSE like the API: headers first, ping after content_block_start, usage in message_start', async () => {
    const { res, events } = await rawEvents(sim.url, {
      model: MODEL,
      max_tokens: 1000,
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('request-id'), sim.log[0]!.id);
    assert.deepEqual(
      events.slice(0, 3).map((e) => e.event),
      ['message_start', 'content_block_start', 'ping'],
    );
    for (const e of events)
      assert.equal((e.data as { type: string }).type, e.event, 'data.type repeats the event name');
    const start = events[0]!.data as { message: Record<string, unknown> };
    assert.equal(start.message['role'], 'assistant');
    assert.deepEqual(start.message['content'], []);
    assert.match(String(start.message['id']), /^msg_/);
    const usage = start.message['usage'] as Record<string, number>;
    assert.deepEqual(
      [
        usage['input_tokens'],
        usage['cache_creation_input_tokens'],
        usage['cache_read_input_tokens'],
        usage['output_tokens'],
      ],
      [1, 0, 0, 1],
    );
    const delta = events.find((e) => e.event === 'message_delta')!.data as {
      delta: { stop_reason: string };
      usage: { output_tokens: number };
    };
    assert.equal(delta.delta.stop_reason, 'end_turn');
    assert.equal(delta.usage.output_tokens, 60);
    assert.equal(events.at(-1)!.event, 'message_stop');
  });

  it('answers a non-streaming request with one JSON message', async () => {
    const message = await sdk(sim).messages.create({
      model: MODEL,
      max_tokens: 1000,
      system: 'Be terse.',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    const block = message.content[0];
    assert.ok(block && block.type === 'text');
    assert.equal(
      block.text,
      defaultReplyText(
        {
          model: MODEL,
          messages: [{ role: 'user', content: 'Hello there' }],
          max_tokens: 1000,
          stream: false,
          body: {},
          headers: {},
        },
        60,
      ),
    );
    assert.equal(message.usage.input_tokens, countTokens('Be terse.') + countTokens('Hello there'));
    assert.equal(message.usage.output_tokens, 60);
    assert.equal(sim.log[0]!.stream, false);
    assert.equal(sim.log[0]!.completed, true);
  });

  it('stops at max_tokens with stop_reason max_tokens', async () => {
    const final = await sdk(sim)
      .messages.stream({ model: MODEL, max_tokens: 10, messages: [{ role: 'user', content: 'long please' }] })
      .finalMessage();
    assert.equal(final.stop_reason, 'max_tokens');
    assert.equal(final.usage.output_tokens, 10);
    assert.equal(final.content[0]?.type === 'text' ? final.content[0].text.length : 0, 40);
  });

  it('uses the responder, and falls back to the default when it returns undefined', async () => {
    sim.configure({
      responder: (req) => (req.system === 'json' ? undefined : { text: `echo:${req.messages.length}:${req.apiKey}` }),
    });
    const client = sdk(sim);
    const a = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'x' }],
    });
    assert.equal(a.content[0]?.type === 'text' ? a.content[0].text : '', `echo:1:${KEY}`);
    const b = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      system: 'json',
      messages: [{ role: 'user', content: 'x' }],
    });
    assert.match(b.content[0]?.type === 'text' ? b.content[0].text : '', /^Simulated reply/);
  });

  it('counts input tokens over tools, system and messages', async () => {
    const tool = {
      name: 'lookup',
      description: 'Looks things up',
      input_schema: { type: 'object' as const, properties: { q: { type: 'string' } } },
    };
    const msg = await sdk(sim).messages.create({
      model: MODEL,
      max_tokens: 5,
      tools: [tool],
      system: [{ type: 'text', text: 'abcdefgh' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'abcde' },
            { type: 'text', text: 'xyz' },
          ],
        },
      ],
    });
    const toolTokens = countTokens(
      JSON.stringify({
        description: tool.description,
        input_schema: { properties: { q: { type: 'string' } }, type: 'object' },
        name: tool.name,
      }),
    );
    assert.equal(msg.usage.input_tokens, toolTokens + 2 + 2 + 1);
    const counted = await sdk(sim).messages.countTokens({
      model: MODEL,
      tools: [tool],
      system: [{ type: 'text', text: 'abcdefgh' }],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'abcde' },
            { type: 'text', text: 'xyz' },
          ],
        },
      ],
    });
    assert.equal(counted.input_tokens, msg.usage.input_tokens);
  });

  it('replies with JSON valid for output_config json_schema by default', async () => {
    const schema = {
      type: 'object',
      properties: {
        findings: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              severity: { type: 'string', enum: ['high', 'low'] },
              line: { type: 'integer', minimum: 1 },
              fixed: { type: 'boolean' },
              note: { type: ['string', 'null'] },
            },
            required: ['severity', 'line', 'fixed'],
            additionalProperties: false,
          },
        },
        summary: { type: 'string' },
      },
      required: ['findings', 'summary'],
      additionalProperties: false,
    };
    const final = await sdk(sim)
      .messages.stream({
        model: MODEL,
        max_tokens: 2000,
        output_config: { format: { type: 'json_schema', schema } },
        messages: [{ role: 'user', content: 'review' }],
      })
      .finalMessage();
    const text = final.content[0]?.type === 'text' ? final.content[0].text : '';
    const parsed = JSON.parse(text) as { findings: Array<Record<string, unknown>>; summary: string };
    assert.equal(parsed.findings.length, 1);
    assert.deepEqual(parsed.findings[0], { severity: 'high', line: 1, fixed: true, note: 'example note' });
    assert.equal(typeof parsed.summary, 'string');
  });

  it('lists the known models through client.models.list()', async () => {
    const ids: string[] = [];
    for await (const model of sdk(sim).models.list()) ids.push(model.id);
    for (const id of [
      'claude-sonnet-5-5',
      'claude-opus-5-5',
      'claude-haiku-5-5',
      'claude-sonnet-4-6',
      'claude-haiku-4-5',
      'claude-opus-4-6',
    ])
      assert.ok(ids.includes(id), id);
    const page = await sdk(sim).models.list({ limit: 2 });
    assert.equal(page.data.length, 2);
    assert.equal(page.has_more, true);
    assert.equal(page.data[0]?.display_name, 'Claude Sonnet 5.5');
    assert.equal(sim.log.length, 0, 'only /v1/messages is logged');
  });

  it('paces output by tokensPerSecond and delays message_start by timeToFirstTokenMs, to the millisecond', async () => {
    const clock = new ManualClock(1000);
    const paced = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 60, tokensPerSecond: 400, timers: clock });
    try {
      paced.configure({ outputTokens: 40, pingIntervalMs: 25 });
      const stream = sdk(paced).messages.stream({
        model: MODEL,
        max_tokens: 100,
        messages: [{ role: 'user', content: 'pace' }],
      });
      await paced.waitForRequests(1);
      const e = paced.log[0]!;
      assert.equal(e.receivedAt, 1000);
      clock.advance(59);
      assert.equal(e.messageStartAt, undefined, 'not before the time to first token');
      clock.advance(1);
      assert.equal(e.messageStartAt, 1060);
      assert.equal(e.streamedTokens, 4, 'the first 4-token chunk goes with message_start');
      for (let chunk = 2; chunk <= 10; chunk++) {
        clock.advance(9);
        assert.equal(e.streamedTokens, (chunk - 1) * 4, `chunk ${chunk} is not early`);
        clock.advance(1);
        assert.equal(
          e.streamedTokens,
          chunk * 4,
          `chunk ${chunk} comes 10 ms (4 tokens at 400/s) after the one before`,
        );
      }
      assert.equal(e.endedAt, 1150, '40 tokens in 90 ms after the first');
      const final = await stream.finalMessage();
      assert.equal(final.usage.output_tokens, 40);
    } finally {
      await paced.close();
    }
  });

  it('sends a ping every pingIntervalMs while streaming, and none once the stream ends', async () => {
    const clock = new ManualClock();
    const paced = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 0, tokensPerSecond: 40, timers: clock });
    try {
      paced.configure({ outputTokens: 40, pingIntervalMs: 100 });
      const body = { model: MODEL, max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'p' }] };
      const pending = rawEvents(paced.url, body);
      await paced.waitForRequests(1);
      clock.advance(5000); // 10 chunks of 4 tokens, 100 ms apart (0 … 900 ms), a ping every 100 ms
      const { events } = await pending;
      const names = events.map((e) => (e.event === 'content_block_delta' ? 'delta' : e.event));
      assert.deepEqual(names, [
        'message_start',
        'content_block_start',
        'ping',
        'delta',
        ...Array.from({ length: 9 }, () => ['ping', 'delta']).flat(),
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
      assert.equal(paced.log[0]!.endedAt, 900);
      assert.equal(clock.pending, 0, 'no timer is left once the stream ends');
    } finally {
      await paced.close();
    }
  });
});
