import assert from 'node:assert/strict';
import {
  invokeClaude,
  invokeClaudeStreaming,
  ClaudeInvocationError,
  DEFAULT_MODEL,
  createClient,
  listModels,
  type ClientConfig,
} from '../../../src/core';
import type { Simulator } from '../../support/simulator';
import { API_KEY, withSimulator } from './helpers';

describe('core: single calls against the simulator', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    ({ sim, client } = await withSimulator());
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  it('streams chunks in order, and the result is their concatenation', async () => {
    const chunks: string[] = [];
    const events: string[] = [];
    const result = await invokeClaudeStreaming(
      'Explain closures',
      (c) => {
        chunks.push(c);
        events.push('text');
      },
      {
        client,
        onEvent: (event) => {
          if (event.type === 'start') events.push('start');
        },
      },
    );
    assert.equal(result.status, 'completed');
    assert.ok(chunks.length > 3, 'several chunks arrive');
    assert.equal(chunks.join(''), result.text);
    assert.equal(events[0], 'start', 'message_start comes before the first text');
    assert.match(result.text, /Explain closures/);
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- the point: a result stringifies to its text, as the seed's functions returned strings
    assert.equal(`${result}`, result.text);
    assert.equal(result.stopReason, 'end_turn');
    assert.ok(result.usage.inputTokens > 0 && result.usage.outputTokens > 0);
  });

  it('uses the current default model and sends temperature only when asked', async () => {
    await invokeClaude('hi', { client });
    await invokeClaude('hi', { client, temperature: 0.2, system: 'Be brief' });
    const [first, second] = sim.log;
    assert.equal(first?.model, DEFAULT_MODEL);
    assert.notEqual(DEFAULT_MODEL, 'claude-sonnet-4-5-20250929');
    assert.equal((first?.body as Record<string, unknown>)['temperature'], undefined);
    assert.equal((second?.body as Record<string, unknown>)['temperature'], 0.2);
    assert.deepEqual((second?.body as { system: unknown }).system, [{ type: 'text', text: 'Be brief' }]);
  });

  it('messages override the prompt, as in the seed', async () => {
    await invokeClaude('ignored', {
      client,
      messages: [
        { role: 'user', content: 'first question' },
        { role: 'assistant', content: 'first answer' },
        { role: 'user', content: 'second question' },
      ],
    });
    const body = sim.log[0]?.body as { messages: unknown[] };
    assert.equal(body.messages.length, 3);
    assert.doesNotMatch(JSON.stringify(body), /ignored/);
  });

  it('passes extra API parameters through and asks for structured output', async () => {
    const schema = {
      type: 'object',
      properties: { ok: { type: 'boolean' } },
      required: ['ok'],
      additionalProperties: false,
    };
    const result = await invokeClaude('json please', {
      client,
      extra: { top_k: 5 },
      outputFormat: { type: 'json_schema', schema },
    });
    const body = sim.log[0]?.body as Record<string, unknown>;
    assert.equal(body['top_k'], 5);
    assert.deepEqual(body['output_config'], { format: { type: 'json_schema', schema } });
    assert.equal(typeof (JSON.parse(result.text) as { ok: unknown }).ok, 'boolean');
  });

  it('reports a missing key before any request', () => {
    const saved = process.env['ANTHROPIC_API_KEY'];
    delete process.env['ANTHROPIC_API_KEY'];
    try {
      assert.throws(
        () => createClient({ baseURL: sim.url }),
        (e: unknown) => e instanceof ClaudeInvocationError && e.kind === 'missingKey',
      );
    } finally {
      if (saved !== undefined) process.env['ANTHROPIC_API_KEY'] = saved;
    }
    assert.equal(sim.log.length, 0);
  });

  it('reads ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL when given no configuration', async () => {
    const saved = { key: process.env['ANTHROPIC_API_KEY'], url: process.env['ANTHROPIC_BASE_URL'] };
    process.env['ANTHROPIC_API_KEY'] = API_KEY;
    process.env['ANTHROPIC_BASE_URL'] = sim.url;
    try {
      const result = await invokeClaude('from the environment');
      assert.equal(result.status, 'completed');
      assert.equal(sim.log[0]?.apiKey, API_KEY);
    } finally {
      for (const [name, value] of [
        ['ANTHROPIC_API_KEY', saved.key],
        ['ANTHROPIC_BASE_URL', saved.url],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

describe('core: models', () => {
  it('lists the models the key can use, from the API', async () => {
    const { sim, client } = await withSimulator({ knownModels: ['claude-sonnet-5-5', 'claude-haiku-5-5'] });
    try {
      const models = await listModels(createClient(client));
      assert.deepEqual(models.map((m) => m.id).sort(), ['claude-haiku-5-5', 'claude-sonnet-5-5']);
      assert.ok(models.every((m) => m.displayName.length > 0));
    } finally {
      await sim.close();
    }
  });
});
