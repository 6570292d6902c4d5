import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { countTokens, LOOKBACK_BLOCKS, startSimulator, type Simulator } from '../../support/simulator/index';
import { KEY, rejection, sdk, textOfTokens } from './helpers';

const MODEL = 'claude-sonnet-5-5';
const PREFIX_TOKENS = 1500;

const cachedSystem = (tokens = PREFIX_TOKENS, ttl?: '1h'): TextBlockParam[] => [
  {
    type: 'text',
    text: textOfTokens(tokens, 'sys'),
    cache_control: ttl ? { type: 'ephemeral', ttl } : { type: 'ephemeral' },
  },
];

describe('simulator: prompt caching', () => {
  let sim: Simulator;
  let clock = 1_000_000;
  let client: Anthropic;
  before(async () => {
    sim = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 15, tokensPerSecond: 0, now: () => clock });
    client = sdk(sim);
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  const ask = (question: string, system: TextBlockParam[] = cachedSystem(), model = MODEL) =>
    client.messages.stream({ model, max_tokens: 50, system, messages: [{ role: 'user', content: question }] });

  it('N requests that all arrive before any reply begins each write the new prefix', async () => {
    sim.holdResponses();
    const streams = [1, 2, 3, 4, 5].map((i) => ask(`expert ${i}`));
    await sim.waitForRequests(5);
    sim.releaseResponses();
    const finals = await Promise.all(streams.map((s) => s.finalMessage()));
    for (const f of finals) {
      assert.equal(f.usage.cache_creation_input_tokens, PREFIX_TOKENS);
      assert.equal(f.usage.cache_read_input_tokens, 0);
      assert.equal(f.usage.input_tokens, countTokens('expert 1'));
    }
    assert.equal(sim.log.filter((e) => e.usage.cache_creation_input_tokens > 0).length, 5);
  });

  it('one first and the rest after its message_start: 1 write and N-1 reads', async () => {
    const first = ask('expert 1');
    await new Promise<void>((resolve) => first.on('streamEvent', (e) => e.type === 'message_start' && resolve()));
    const rest = [2, 3, 4, 5].map((i) => ask(`expert ${i}`).finalMessage());
    const finals = [await first.finalMessage(), ...(await Promise.all(rest))];
    assert.equal(finals[0]!.usage.cache_creation_input_tokens, PREFIX_TOKENS);
    assert.equal(finals[0]!.usage.cache_read_input_tokens, 0);
    for (const f of finals.slice(1)) {
      assert.equal(f.usage.cache_read_input_tokens, PREFIX_TOKENS);
      assert.equal(f.usage.cache_creation_input_tokens, 0);
    }
    assert.deepEqual(
      sim.log.map((e) => e.usage.cache_read_input_tokens > 0),
      [false, true, true, true, true],
    );
  });

  it('HTTP headers arriving (the SDK connect event) is not enough: followers sent then still write', async () => {
    sim.holdResponses();
    const first = ask('expert 1');
    await new Promise<void>((resolve) => first.on('connect', () => resolve()));
    const second = ask('expert 2');
    await sim.waitForRequests(2);
    assert.equal(sim.log[0]!.messageStartAt, undefined, 'the first reply has not begun');
    sim.releaseResponses();
    const [, secondFinal] = await Promise.all([first.finalMessage(), second.finalMessage()]);
    assert.equal(secondFinal.usage.cache_creation_input_tokens, PREFIX_TOKENS);
    assert.equal(secondFinal.usage.cache_read_input_tokens, 0);
  });

  it('a held reply writes its entry only when released: a request decided after that reads it', async () => {
    sim.holdResponses();
    const first = ask('expert 1');
    const second = ask('expert 2');
    await sim.waitForRequests(2);
    assert.equal(sim.releaseResponses(1), 1);
    await new Promise<void>((resolve) => first.on('streamEvent', (e) => e.type === 'message_start' && resolve()));
    sim.releaseResponses();
    const third = await ask('expert 3').finalMessage();
    const [f1, f2] = await Promise.all([first.finalMessage(), second.finalMessage()]);
    assert.deepEqual(
      [f1, f2, third].map((f) => [f.usage.cache_creation_input_tokens, f.usage.cache_read_input_tokens]),
      [
        [PREFIX_TOKENS, 0],
        [PREFIX_TOKENS, 0],
        [0, PREFIX_TOKENS],
      ],
    );
  });

  it('a request that fails before message_start writes nothing', async () => {
    sim.enqueueFault({ kind: 'status', status: 529 });
    await rejection(ask('first').finalMessage());
    const next = await ask('second').finalMessage();
    assert.equal(next.usage.cache_creation_input_tokens, PREFIX_TOKENS);
  });

  it('does not cache prefixes below the model minimum (1024, haiku 2048)', async () => {
    const small = await ask('q', cachedSystem(1000)).finalMessage();
    assert.equal(small.usage.cache_creation_input_tokens, 0);
    assert.equal(small.usage.input_tokens, 1000 + 1);
    const again = await ask('q', cachedSystem(1000)).finalMessage();
    assert.equal(again.usage.cache_read_input_tokens, 0);
    const haiku = await ask('q', cachedSystem(PREFIX_TOKENS), 'claude-haiku-4-5').finalMessage();
    assert.equal(haiku.usage.cache_creation_input_tokens, 0, '1500 tokens is below the haiku minimum');
    const sonnet = await ask('q', cachedSystem(PREFIX_TOKENS), MODEL).finalMessage();
    assert.equal(sonnet.usage.cache_creation_input_tokens, PREFIX_TOKENS);
  });

  it('rejects more than 4 breakpoints with 400', async () => {
    const blocks: TextBlockParam[] = [1, 2, 3, 4, 5].map((i) => ({
      type: 'text',
      text: `part ${i}`,
      cache_control: { type: 'ephemeral' },
    }));
    const err = await rejection(ask('q', blocks).finalMessage());
    assert.ok(err instanceof Anthropic.BadRequestError);
    assert.equal(err.status, 400);
    assert.equal(err.type, 'invalid_request_error');
    assert.equal(err.apiMessage, 'A maximum of 4 blocks with cache_control may be provided. Found 5.');
  });

  it('expires entries after 5 minutes of the injected clock, refreshing on each hit', async () => {
    await ask('a').finalMessage();
    clock += 4 * 60_000;
    assert.equal((await ask('b').finalMessage()).usage.cache_read_input_tokens, PREFIX_TOKENS);
    clock += 4 * 60_000; // 8 min after the write, 4 after the refresh
    assert.equal((await ask('c').finalMessage()).usage.cache_read_input_tokens, PREFIX_TOKENS);
    clock += 5 * 60_000 + 1;
    const expired = await ask('d').finalMessage();
    assert.equal(expired.usage.cache_read_input_tokens, 0);
    assert.equal(expired.usage.cache_creation_input_tokens, PREFIX_TOKENS);
  });

  it("keeps ttl '1h' entries for an hour and reports them as 1h writes", async () => {
    const first = await ask('a', cachedSystem(PREFIX_TOKENS, '1h')).finalMessage();
    assert.equal(first.usage.cache_creation?.ephemeral_1h_input_tokens, PREFIX_TOKENS);
    assert.equal(first.usage.cache_creation?.ephemeral_5m_input_tokens, 0);
    clock += 59 * 60_000;
    assert.equal(
      (await ask('b', cachedSystem(PREFIX_TOKENS, '1h')).finalMessage()).usage.cache_read_input_tokens,
      PREFIX_TOKENS,
    );
  });

  it('a conversation that moves its breakpoint to the newest turn reads the previous turns', async () => {
    const system: TextBlockParam[] = [{ type: 'text', text: textOfTokens(1200, 'sys') }];
    const turn1: MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'first question', cache_control: { type: 'ephemeral' } }] },
    ];
    const r1 = await client.messages.create({ model: MODEL, max_tokens: 20, system, messages: turn1 });
    const prefix1 = 1200 + countTokens('first question');
    assert.equal(r1.usage.cache_creation_input_tokens, prefix1);
    const answer = r1.content[0]?.type === 'text' ? r1.content[0].text : '';
    const turn2: MessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'first question' }] },
      { role: 'assistant', content: answer },
      { role: 'user', content: [{ type: 'text', text: 'second question', cache_control: { type: 'ephemeral' } }] },
    ];
    const r2 = await client.messages.create({ model: MODEL, max_tokens: 20, system, messages: turn2 });
    assert.equal(r2.usage.cache_read_input_tokens, prefix1);
    assert.equal(r2.usage.cache_creation_input_tokens, countTokens(answer) + countTokens('second question'));
    assert.equal(r2.usage.input_tokens, 0);
  });

  it(`looks back ${LOOKBACK_BLOCKS} block positions (counting the breakpoint), and to every explicit breakpoint`, async () => {
    const base: TextBlockParam[] = [
      { type: 'text', text: textOfTokens(1200, 'sys') },
      { type: 'text', text: 'anchor', cache_control: { type: 'ephemeral' } },
    ];
    await ask('q', base).finalMessage();
    const plain = (i: number): TextBlockParam => ({ type: 'text', text: `extra ${i}` });
    const grown = (n: number, keepAnchor: boolean): TextBlockParam[] => [
      base[0]!,
      keepAnchor ? base[1]! : { type: 'text', text: 'anchor' },
      ...Array.from({ length: n }, (_, i) => plain(i)),
      { type: 'text', text: 'tail', cache_control: { type: 'ephemeral' } },
    ];
    // The anchor is n + 1 positions before the tail breakpoint.
    const within = await ask('q', grown(LOOKBACK_BLOCKS - 2, false)).finalMessage();
    assert.equal(within.usage.cache_read_input_tokens, 1200 + countTokens('anchor'));
    sim.reset();
    await ask('q', base).finalMessage();
    const beyond = await ask('q', grown(LOOKBACK_BLOCKS - 1, false)).finalMessage();
    assert.equal(beyond.usage.cache_read_input_tokens, 0, 'one block too far back');
    sim.reset();
    await ask('q', base).finalMessage();
    const explicit = await ask('q', grown(LOOKBACK_BLOCKS + 5, true)).finalMessage();
    assert.equal(
      explicit.usage.cache_read_input_tokens,
      1200 + countTokens('anchor'),
      'an earlier explicit breakpoint is always checked',
    );
  });

  it('writes every breakpoint past the hit and reads the longest one', async () => {
    const sys = textOfTokens(1100, 'sys');
    const docs = textOfTokens(300, 'doc');
    const two: TextBlockParam[] = [
      { type: 'text', text: sys, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: docs, cache_control: { type: 'ephemeral' } },
    ];
    const first = await ask('q', two).finalMessage();
    assert.equal(first.usage.cache_creation_input_tokens, 1400);
    const sysOnly = await ask('q', [two[0]!, { type: 'text', text: 'other docs' }]).finalMessage();
    assert.equal(sysOnly.usage.cache_read_input_tokens, 1100, 'the shorter prefix was written too');
    const both = await ask('q', two).finalMessage();
    assert.equal(both.usage.cache_read_input_tokens, 1400);
  });

  it('ignores cache_control when hashing and keys the cache by model', async () => {
    await ask('a').finalMessage();
    const ttlOnly = await ask('b', [
      { type: 'text', text: textOfTokens(PREFIX_TOKENS, 'sys'), cache_control: { type: 'ephemeral', ttl: '5m' } },
    ]).finalMessage();
    assert.equal(ttlOnly.usage.cache_read_input_tokens, PREFIX_TOKENS);
    const otherModel = await ask('c', cachedSystem(), 'claude-opus-5-5').finalMessage();
    assert.equal(otherModel.usage.cache_read_input_tokens, 0);
  });
});
