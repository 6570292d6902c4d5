// The command line on Google Vertex AI and Amazon Bedrock as a Claude Code user's environment sets them
// up, over real HTTP to the simulator's cloud shapes: Application Default Credentials (the GCE metadata
// emulation), AWS credentials from the environment, caching kept, Bedrock's missing token counting and
// Message Batches said out loud, and a gateway's bearer token with custom headers.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_EXPERTS } from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { startSimulator, type Simulator } from '../../support/simulator';
import { demoRepo, runCli } from './cliHarness';

const GCE_TOKEN = 'ya29.sim-metadata-token';

describe('cli: providers (Vertex AI, Bedrock, gateways)', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let repo: ReturnType<typeof demoRepo>;
  let vertexEnv: Record<string, string>;
  let bedrockEnv: Record<string, string>;

  before(async () => {
    sim = await startSimulator({
      responder: demoResponder,
      timeToFirstTokenMs: 5,
      tokensPerSecond: 0,
      cloud: { vertexToken: GCE_TOKEN, metadataToken: GCE_TOKEN },
    });
    const host = new URL(sim.url).host;
    vertexEnv = {
      CLAUDE_CODE_USE_VERTEX: '1',
      CLOUD_ML_REGION: 'global',
      ANTHROPIC_VERTEX_PROJECT_ID: 'proj-cli',
      ANTHROPIC_VERTEX_BASE_URL: `${sim.url}/v1`,
      // Application Default Credentials find "a GCE instance" here and take its token.
      GCE_METADATA_HOST: host,
    };
    bedrockEnv = {
      CLAUDE_CODE_USE_BEDROCK: '1',
      AWS_REGION: 'eu-central-1',
      AWS_ACCESS_KEY_ID: 'AKIASIMULATOR0000000',
      AWS_SECRET_ACCESS_KEY: 'sim-secret-access-key-not-real',
      ANTHROPIC_BEDROCK_BASE_URL: sim.url,
    };
  });
  beforeEach(() => {
    repo = demoRepo();
    // Enough code for the shared block to pass the minimum cacheable length (1024 tokens).
    const lines = Array.from({ length: 160 }, (_, i) => `export const rate${i} = (amount) => amount * ${i + 1} / 100;`);
    writeFileSync(join(repo.root, 'src', 'rates.js'), `${lines.join('\n')}\n`);
  });
  afterEach(() => {
    sim.reset();
    repo.remove();
  });
  after(() => sim.close());

  /** The review's own requests: the experts and the synthesis, without the verifiers (on by default for critical and high findings). */
  const reviewRequests = () =>
    sim.log.filter((e) => !JSON.stringify(e.body?.['messages'] ?? '').includes('<verification-request>'));
  const cacheCounts = () => ({
    writes: sim.log.filter((e) => e.usage.cache_creation_input_tokens > 0).length,
    reads: sim.log.filter((e) => e.usage.cache_read_input_tokens > 0).length,
  });

  it('Vertex from CLAUDE_CODE_USE_VERTEX and ADC: named on stderr, every request at the Vertex URL with the ADC token, one write and the rest reads', async () => {
    const run = await runCli(['review', 'src', '--format', 'json'], repo.root, vertexEnv);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Provider: Google Vertex AI \(global via 127\.0\.0\.1:\d+\)/);
    assert.equal(reviewRequests().length, BUILTIN_EXPERTS.length + 1);
    for (const e of sim.log) {
      assert.match(
        e.cloud!.path,
        /^\/v1\/projects\/proj-cli\/locations\/global\/publishers\/anthropic\/models\/claude-sonnet-5-5:streamRawPredict$/,
      );
      assert.equal(e.cloud!.auth, 'bearer');
    }
    // The experts share one cached block: one writes it, the others read it (the synthesis has its own prompt).
    const experts = sim.log.slice(0, BUILTIN_EXPERTS.length);
    assert.equal(experts.filter((e) => e.usage.cache_creation_input_tokens > 0).length, 1);
    assert.equal(experts.filter((e) => e.usage.cache_read_input_tokens > 0).length, BUILTIN_EXPERTS.length - 1);
    const report = JSON.parse(run.stdout) as { findings: unknown[] };
    assert.ok(report.findings.length > 0, 'findings come back through Vertex');
  });

  it('Vertex with structured outputs turned off for the organisation: one refused attempt, a note, findings read from the text', async () => {
    sim.configure({ cloud: { vertexToken: GCE_TOKEN, metadataToken: GCE_TOKEN, vertexStructuredOutputs: false } });
    try {
      const run = await runCli(['review', 'src', '--format', 'json'], repo.root, vertexEnv);
      assert.equal(run.code, 0, run.stderr);
      assert.equal((run.stderr.match(/note: Structured outputs are turned off/g) ?? []).length, 1, run.stderr);
      const refused = sim.log.filter((e) => e.status === 400);
      assert.equal(refused.length, 1, 'only the first request learns it');
      const answered = reviewRequests().filter((e) => e.status === 200);
      assert.equal(answered.length, BUILTIN_EXPERTS.length + 1);
      assert.ok(answered.every((e) => !(e.body?.['output_config'] as { format?: unknown } | undefined)?.format));
      assert.ok(answered.every((e) => JSON.stringify(e.body).includes('Reply with one JSON document')));
      const report = JSON.parse(run.stdout) as { findings: unknown[] };
      assert.ok(report.findings.length > 0);
    } finally {
      sim.configure({ cloud: { vertexToken: GCE_TOKEN, metadataToken: GCE_TOKEN } });
    }
  });

  it('Bedrock from CLAUDE_CODE_USE_BEDROCK and AWS keys: SigV4 requests, caching kept, and the estimate says it was counted locally', async () => {
    const run = await runCli(['review', 'src', '--format', 'json'], repo.root, bedrockEnv);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /Provider: Amazon Bedrock \(eu-central-1 via 127\.0\.0\.1:\d+\)/);
    assert.match(run.stderr, /local count: this provider has no token counting/);
    assert.ok(sim.log.every((e) => e.cloud?.auth === 'sigv4'));
    assert.ok(
      sim.log.every((e) => e.cloud?.path === '/model/global.anthropic.claude-sonnet-5-5/invoke-with-response-stream'),
    );
    assert.ok(cacheCounts().writes >= 1 && cacheCounts().reads >= BUILTIN_EXPERTS.length - 1);
    assert.ok(!run.stderr.includes('sim-secret-access-key-not-real'));
  });

  it('sweep --batch on Bedrock refuses with the reason; --interactive sweeps at full price with one write per group', async () => {
    const refused = await runCli(['sweep', 'src', '--batch'], repo.root, bedrockEnv);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(
      refused.stderr,
      /Message Batches, which Amazon Bedrock \(eu-central-1[^)]*\) does not offer\. Add --interactive/,
    );
    assert.equal(sim.log.length, 0, 'nothing was sent');
    const run = await runCli(['sweep', 'src', '--interactive', '--format', 'markdown'], repo.root, bedrockEnv);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /requests answered/);
    assert.equal(sim.log.length, BUILTIN_EXPERTS.length, 'one group × every expert');
    assert.deepEqual(cacheCounts(), { writes: 1, reads: BUILTIN_EXPERTS.length - 1 });
    assert.match(run.stdout, /interactive requests at full price/);
  });

  it('--provider wins over the environment, and a bad value is a usage error', async () => {
    const bad = await runCli(['review', 'src', '--provider', 'azure'], repo.root, vertexEnv);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--provider must be one of anthropic, bedrock, vertex/);
    const missing = await runCli(['review', 'src', '--provider', 'vertex'], repo.root, {
      ANTHROPIC_VERTEX_PROJECT_ID: 'p',
    });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /CLOUD_ML_REGION/);
  });

  it('a gateway: ANTHROPIC_AUTH_TOKEN as the bearer, ANTHROPIC_CUSTOM_HEADERS sent, neither printed on failure', async () => {
    const token = 'gateway-token-0123456789';
    const headerValue = 'tenant-secret-value-42';
    sim.configure({ apiKey: token });
    try {
      const env = {
        ANTHROPIC_AUTH_TOKEN: token,
        ANTHROPIC_BASE_URL: sim.url,
        ANTHROPIC_CUSTOM_HEADERS: `X-Gateway-Tenant: ${headerValue}\nX-Team: reviews`,
      };
      const run = await runCli(['review', 'src', '--format', 'json'], repo.root, env);
      assert.equal(run.code, 0, run.stderr);
      assert.ok(sim.log.every((e) => e.apiKey === token && e.headers['x-gateway-tenant'] === headerValue));
      assert.equal(sim.log[0]!.headers['x-team'], 'reviews');
      const badHeaders = await runCli(['review', 'src'], repo.root, {
        ...env,
        ANTHROPIC_CUSTOM_HEADERS: 'no colon here',
      });
      assert.equal(badHeaders.code, 2);
      assert.match(badHeaders.stderr, /ANTHROPIC_CUSTOM_HEADERS, line 1/);
      sim.configure({ apiKey: 'another-token-entirely' });
      const refused = await runCli(['review', 'src'], repo.root, env);
      assert.notEqual(refused.code, 0);
      assert.ok(!refused.stderr.includes(token) && !refused.stderr.includes(headerValue), refused.stderr);
    } finally {
      sim.configure({ apiKey: undefined });
    }
  });
});
