// The real @anthropic-ai/vertex-sdk and @anthropic-ai/bedrock-sdk, driven over real HTTP against the
// simulator's Vertex and Bedrock shapes: URLs, body version, credentials, event-stream framing, and
// prompt caching kept (one write, the rest reads) through the core's cache-aware fan-out.
import assert from 'node:assert/strict';
import { OAuth2Client } from 'google-auth-library';
import {
  countInputTokens,
  createClient,
  invokeParallel,
  type ClientConfig,
  type ParallelPrompt,
} from '../../../src/core';
import { loadCloudProvider } from '../../../src/core/providers';
import { startSimulator, type Simulator } from '../../support/simulator';
import { bigContext } from '../core/helpers';

const TOKEN = 'ya29.sim-vertex-token';
const prompts = (n: number): ParallelPrompt[] => Array.from({ length: n }, (_, i) => ({ prompt: `expert ${i}` }));

/** An injected Google auth client holding a fresh token: no network, no ADC. */
function googleAuth(token = TOKEN): OAuth2Client {
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return client;
}

const AWS = { accessKeyId: 'AKIASIMULATOR0000000', secretAccessKey: 'sim-secret-access-key-not-real' };

describe('providers: Vertex AI and Bedrock on their official SDKs', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({
      timeToFirstTokenMs: 5,
      tokensPerSecond: 0,
      cloud: { vertexToken: TOKEN, bedrockBearerToken: 'bedrock-api-key-sim' },
    });
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ cloud: { vertexToken: TOKEN, bedrockBearerToken: 'bedrock-api-key-sim' } });
  });
  after(() => sim.close());

  const vertex = async (region = 'global'): Promise<ClientConfig> => ({
    provider: await loadCloudProvider({
      name: 'vertex',
      region,
      projectId: 'proj-1',
      baseURL: `${sim.url}/v1`,
      authClient: googleAuth(),
    }),
  });
  const bedrock = async (extra: object = { credentials: AWS }): Promise<ClientConfig> => ({
    provider: await loadCloudProvider({ name: 'bedrock', region: 'eu-west-1', baseURL: sim.url, ...extra }),
  });

  it('Vertex: streamRawPredict at the model URL, version in the body, bearer token, one cache write and N−1 reads', async () => {
    const results = await invokeParallel(prompts(4), {
      client: await vertex(),
      model: 'claude-haiku-4-5',
      sharedSystem: bigContext('vertex'),
      cacheSharedSystem: true,
    });
    assert.deepEqual(
      results.map((r) => r.status),
      ['completed', 'completed', 'completed', 'completed'],
    );
    assert.equal(sim.log.length, 4);
    for (const e of sim.log) {
      assert.equal(
        e.cloud?.path,
        '/v1/projects/proj-1/locations/global/publishers/anthropic/models/claude-haiku-4-5@20251001:streamRawPredict',
      );
      assert.equal(e.cloud?.auth, 'bearer');
      assert.ok(e.cloud?.anthropicVersion, 'anthropic_version travels in the body');
    }
    assert.equal(sim.log.filter((e) => e.usage.cache_creation_input_tokens > 0).length, 1, 'one write');
    assert.equal(sim.log.filter((e) => e.usage.cache_read_input_tokens > 0).length, 3, 'the rest read');
    // Priced as our model although the wire id is Vertex's.
    assert.ok(results.every((r) => r.cost.usd !== undefined && r.cost.usd > 0));
  });

  it('Vertex: a wrong token is refused as an authentication error naming nothing secret', async () => {
    sim.configure({ cloud: { vertexToken: 'another-token' } });
    const [result] = await invokeParallel(prompts(1), { client: await vertex(), model: 'claude-haiku-4-5' });
    assert.equal(result!.status, 'failed');
    assert.equal(result!.error?.kind, 'authentication');
    assert.ok(!result!.error!.message.includes(TOKEN));
  });

  it('Vertex: count-tokens:rawPredict answers the estimate (counted by the API)', async () => {
    const counted = await countInputTokens(createClient(await vertex()), {
      model: 'claude-sonnet-5-5',
      system: bigContext('count'),
      messages: [{ role: 'user', content: 'hello' }],
    });
    assert.equal(counted.counted, 'api');
    assert.ok(counted.tokens > 1000);
  });

  it('Bedrock: invoke-with-response-stream framed as AWS event streams, SigV4-signed, one write and N−1 reads', async () => {
    const results = await invokeParallel(prompts(3), {
      client: await bedrock(),
      model: 'claude-opus-5-5',
      sharedSystem: bigContext('bedrock'),
      cacheSharedSystem: true,
    });
    assert.deepEqual(
      results.map((r) => r.status),
      ['completed', 'completed', 'completed'],
    );
    assert.ok(results.every((r) => r.text.startsWith('Simulated reply')));
    for (const e of sim.log) {
      assert.equal(e.cloud?.path, '/model/global.anthropic.claude-opus-5-5/invoke-with-response-stream');
      assert.equal(e.cloud?.auth, 'sigv4');
    }
    assert.equal(sim.log.filter((e) => e.usage.cache_creation_input_tokens > 0).length, 1);
    assert.equal(sim.log.filter((e) => e.usage.cache_read_input_tokens > 0).length, 2);
  });

  it('Bedrock: a mid-stream overload arrives as an event-stream exception and is reported as such', async () => {
    sim.enqueueFault({ kind: 'midStreamError', afterTokens: 8 });
    const [result] = await invokeParallel(prompts(1), { client: await bedrock(), model: 'claude-haiku-4-5' });
    assert.equal(result!.status, 'failed');
    assert.match(result!.error!.message, /Overloaded|serviceUnavailable/i);
    assert.ok(result!.text.length > 0 || result!.error!.partialText.length > 0, 'streamed text is kept');
  });

  it('Bedrock: a bearer token (AWS_BEARER_TOKEN_BEDROCK) replaces SigV4; skipAuth sends no credentials', async () => {
    await invokeParallel(prompts(1), {
      client: await bedrock({ bearerToken: 'bedrock-api-key-sim' }),
      model: 'claude-haiku-4-5',
    });
    assert.equal(sim.log[0]!.cloud?.auth, 'bearer');
    sim.reset();
    sim.configure({ cloud: { allowAnonymous: true } });
    await invokeParallel(prompts(1), { client: await bedrock({ skipAuth: true }), model: 'claude-haiku-4-5' });
    assert.equal(sim.log[0]!.cloud?.auth, 'none');
    assert.equal(sim.log[0]!.status, 200);
  });

  it('Bedrock has no token counting: the estimate falls back to the local count and says why', async () => {
    const counted = await countInputTokens(createClient(await bedrock()), {
      model: 'claude-sonnet-5-5',
      messages: [{ role: 'user', content: 'hello world' }],
    });
    assert.equal(counted.counted, 'local');
    assert.equal(counted.reason, 'unsupported');
  });
});
