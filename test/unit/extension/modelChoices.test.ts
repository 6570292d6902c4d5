// "Choose model…": the provider's models (models.list through the real SDK, here the simulator's) with
// what each costs and is for, the price table's other models after them, the current setting marked.
import assert from 'node:assert/strict';
import { createClient, DEFAULT_PRICES, listModels, providerModelId } from '../../../src/core';
import { modelChoices } from '../../../src/extension/models/modelChoices';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';

const KEY = fakeKey('choose-model');

describe('Choose model…: the models offered', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ apiKey: KEY, knownModels: ['claude-sonnet-5-5', 'claude-haiku-5-5'] });
  });
  after(() => sim.close());

  it("lists the provider's models first, then the priced ones it did not name, each with prices and a purpose", async () => {
    const listed = await listModels(createClient({ apiKey: KEY, baseURL: sim.url }));
    const choices = modelChoices(listed, DEFAULT_PRICES, 'claude-sonnet-5-5');
    assert.deepEqual(
      choices.slice(0, 2).map((c) => [c.id, c.label]),
      [
        ['claude-sonnet-5-5', 'Claude Sonnet 5.5'],
        ['claude-haiku-5-5', 'Claude Haiku 5.5'],
      ],
    );
    const ids = choices.map((c) => c.id);
    for (const priced of Object.keys(DEFAULT_PRICES)) assert.ok(ids.includes(priced), priced);
    assert.equal(new Set(ids).size, ids.length, 'each model once');

    const sonnet = choices[0]!;
    assert.equal(sonnet.current, true);
    assert.equal(sonnet.description, 'claude-sonnet-5-5 · current');
    assert.equal(
      sonnet.detail,
      '$2 in · $10 out · cached code $0.20 per million tokens — balanced depth, speed and price',
    );
    assert.match(
      choices[1]!.detail,
      /^price unknown: costs show as "unknown" — the fastest and cheapest; caches code from 2,048 tokens$/,
    );
    assert.equal(choices.filter((c) => c.current).length, 1);
  });

  it('keeps a current model neither list knows, so the picker still shows what is set', () => {
    const choices = modelChoices([], DEFAULT_PRICES, 'claude-custom-7-1-20260101');
    const custom = choices.find((c) => c.current);
    assert.deepEqual(custom && [custom.id, custom.label], ['claude-custom-7-1-20260101', 'Claude Custom 7.1']);
  });

  it('on Bedrock and Vertex keeps our names and shows the id each is sent as (an override from modelIds too)', () => {
    const bedrock = (id: string) =>
      providerModelId(
        id,
        { name: 'bedrock', region: 'eu-west-1' },
        { 'claude-opus-5-5': 'arn:aws:bedrock:eu-west-1:1:application-inference-profile/abc' },
      );
    const choices = modelChoices([], DEFAULT_PRICES, 'claude-sonnet-5-5', bedrock);
    const byId = new Map(choices.map((c) => [c.id, c.description]));
    assert.equal(byId.get('claude-sonnet-5-5'), 'claude-sonnet-5-5 → global.anthropic.claude-sonnet-5-5 · current');
    assert.equal(byId.get('claude-haiku-4-5'), 'claude-haiku-4-5 → global.anthropic.claude-haiku-4-5-20251001-v1:0');
    assert.equal(
      byId.get('claude-opus-5-5'),
      'claude-opus-5-5 → arn:aws:bedrock:eu-west-1:1:application-inference-profile/abc',
    );
    const vertex = (id: string) => providerModelId(id, { name: 'vertex', region: 'global', projectId: 'p' });
    const onVertex = new Map(
      modelChoices([], DEFAULT_PRICES, 'claude-sonnet-4-5', vertex).map((c) => [c.id, c.description]),
    );
    assert.equal(onVertex.get('claude-sonnet-4-5'), 'claude-sonnet-4-5 → claude-sonnet-4-5@20250929 · current');
    assert.equal(onVertex.get('claude-sonnet-5-5'), 'claude-sonnet-5-5', 'a current model is sent under its own name');
  });
});
