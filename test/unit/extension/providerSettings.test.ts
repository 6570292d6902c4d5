// The editor's side of provider selection (pure parts): settings over Claude Code's environment, the
// label the status bar and the panel show, custom headers from the setting and ANTHROPIC_CUSTOM_HEADERS,
// and the price table per provider.
import assert from 'node:assert/strict';
import { costOf, DEFAULT_PRICES } from '../../../src/core';
import { providerModelId, REGIONAL_PREMIUM } from '../../../src/core/providers';
import { priceTable } from '../../../src/extension/prices';
import { customHeadersOf, providerChoiceOf, providerLabelOf } from '../../../src/extension/providerSettings';
import { SETTING_DEFAULTS, settingsFrom } from '../../../src/extension/settingsSchema';

const settings = (patch: Partial<typeof SETTING_DEFAULTS> = {}) => ({ ...SETTING_DEFAULTS, ...patch });

describe('extension: provider settings', () => {
  it("Claude Code's environment chooses when the setting is left at anthropic; the setting wins otherwise", () => {
    const env = { CLAUDE_CODE_USE_VERTEX: '1', CLOUD_ML_REGION: 'global', ANTHROPIC_VERTEX_PROJECT_ID: 'p' };
    assert.deepEqual(providerChoiceOf(settings(), env), { name: 'vertex', region: 'global', projectId: 'p' });
    assert.equal(
      providerChoiceOf(settings({ provider: 'bedrock', 'bedrock.region': 'eu-west-1' }), env).name,
      'bedrock',
    );
    assert.equal(providerLabelOf(settings(), env), 'Google Vertex AI (global)');
    assert.equal(
      providerLabelOf(settings({ provider: 'bedrock', 'bedrock.region': 'eu-west-1' }), {}),
      'Amazon Bedrock (eu-west-1)',
    );
    assert.equal(
      providerLabelOf(settings({ baseUrl: 'https://gw.example.com' }), {}),
      'Anthropic API via gw.example.com',
    );
  });

  it('a cloud base URL follows the endpoint rule and a missing region names what to set', () => {
    assert.throws(
      () =>
        providerChoiceOf(settings({ provider: 'bedrock' }), {
          ANTHROPIC_BEDROCK_BASE_URL: 'http://gateway.example.com',
        }),
      /ANTHROPIC_BEDROCK_BASE_URL must use https/,
    );
    assert.throws(
      () => providerChoiceOf(settings({ provider: 'vertex' }), {}),
      /CLOUD_ML_REGION.*claudeMultiAgent\.vertex\.region/,
    );
  });

  it('a workspace cannot choose the provider, add headers or change model ids (user settings only)', () => {
    const fromWorkspace = settingsFrom((key) => ({
      defaultValue: SETTING_DEFAULTS[key],
      ...(key === 'provider' && { workspaceValue: 'bedrock' }),
      ...(key === 'customHeaders' && { workspaceValue: { 'X-Injected': 'yes' } }),
      ...(key === 'modelIds' && { workspaceValue: { 'claude-sonnet-5-5': 'attacker-model' } }),
    }));
    assert.equal(fromWorkspace.provider, 'anthropic');
    assert.deepEqual(fromWorkspace.customHeaders, {});
    assert.deepEqual(fromWorkspace.modelIds, {});
  });

  it('custom headers: ANTHROPIC_CUSTOM_HEADERS lines, then the setting per name; malformed input names its source', () => {
    const headers = customHeadersOf(settings({ customHeaders: { 'X-Team': 'reviews' } }), {
      ANTHROPIC_CUSTOM_HEADERS: 'X-Team: other\nX-Gateway-Key: abc123456789\n',
    });
    assert.deepEqual(headers, { 'X-Team': 'reviews', 'X-Gateway-Key': 'abc123456789' });
    assert.throws(
      () => customHeadersOf(settings(), { ANTHROPIC_CUSTOM_HEADERS: 'X-Ok: 1\nbroken' }),
      /ANTHROPIC_CUSTOM_HEADERS, line 2/,
    );
    assert.throws(
      () => customHeadersOf(settings({ customHeaders: { 'Bad Name': 'x' } }), {}),
      /claudeMultiAgent\.customHeaders/,
    );
  });

  it('prices per provider: a regional route costs 10% more for current models, the global one does not', () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };
    const anthropic = costOf(usage, 'claude-sonnet-5-5', priceTable(settings())).usd!;
    const vertexGlobal = priceTable(settings({ provider: 'vertex', 'vertex.region': 'global' }));
    const vertexRegional = priceTable(settings({ provider: 'vertex', 'vertex.region': 'europe-west1' }));
    assert.equal(costOf(usage, 'claude-sonnet-5-5', vertexGlobal).usd, anthropic);
    assert.ok(Math.abs(costOf(usage, 'claude-sonnet-5-5', vertexRegional).usd! - anthropic * REGIONAL_PREMIUM) < 1e-9);
    const euProfile = priceTable(
      settings({ provider: 'bedrock', modelIds: { 'claude-sonnet-5-5': 'eu.anthropic.claude-sonnet-5-5' } }),
    );
    assert.ok(costOf(usage, 'claude-sonnet-5-5', euProfile).usd! > anthropic);
    // A provider's own id in a response is priced as our model.
    assert.equal(costOf(usage, 'global.anthropic.claude-sonnet-5-5', priceTable(settings())).usd, anthropic);
    assert.deepEqual(
      priceTable(settings({ prices: { 'claude-sonnet-5-5': { input: 1, output: 1 } } }))['claude-sonnet-5-5'],
      {
        input: 1,
        output: 1,
      },
    );
    assert.ok(Object.keys(DEFAULT_PRICES).every((m) => m in vertexRegional));
  });

  it('model ids: mapped per provider, an override per model, a provider id passes through', () => {
    const bedrock = { name: 'bedrock' as const };
    const vertex = { name: 'vertex' as const, region: 'global' };
    assert.equal(providerModelId('claude-haiku-4-5', bedrock), 'global.anthropic.claude-haiku-4-5-20251001-v1:0');
    assert.equal(providerModelId('claude-opus-5-5', bedrock), 'global.anthropic.claude-opus-5-5');
    assert.equal(providerModelId('claude-haiku-4-5-20251001', vertex), 'claude-haiku-4-5@20251001');
    assert.equal(providerModelId('claude-sonnet-5-5', vertex), 'claude-sonnet-5-5');
    assert.equal(providerModelId('us.anthropic.claude-opus-4-6-v1', bedrock), 'us.anthropic.claude-opus-4-6-v1');
    assert.equal(
      providerModelId('claude-sonnet-5-5', bedrock, { 'claude-sonnet-5-5': 'arn:aws:bedrock:x' }),
      'arn:aws:bedrock:x',
    );
    assert.equal(providerModelId('claude-sonnet-5-5', { name: 'anthropic' }), 'claude-sonnet-5-5');
  });
});
