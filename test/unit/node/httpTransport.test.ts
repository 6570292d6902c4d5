// The transport the editor builds from VS Code's http.proxy / http.noProxy / http.proxyStrictSSL /
// http.systemCertificates (and the CLI from the environment): the real SDK through a CONNECT proxy on
// loopback to an https endpoint whose certificate comes from a CA made at test time.
import assert from 'node:assert/strict';
import { invokeParallel, type ClientConfig } from '../../../src/core';
import { loadCloudProvider } from '../../../src/core/providers';
import { createTransport, needsTransport } from '../../../src/node';
import { API_KEY } from '../core/helpers';
import { makeTestCa, type TestCa } from '../../support/network/testCa';
import { startConnectProxy, startTlsFront, type ConnectProxy, type TlsFront } from '../../support/network/proxies';
import { startSimulator, type Simulator } from '../../support/simulator';

describe('node: proxy and certificate transport', () => {
  let sim: Simulator;
  let ca: TestCa;
  let front: TlsFront;
  let proxy: ConnectProxy;
  before(async () => {
    sim = await startSimulator({ apiKey: API_KEY, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    ca = makeTestCa();
    front = await startTlsFront(sim.port, ca.serverKey, ca.serverChain);
    proxy = await startConnectProxy();
  });
  afterEach(() => {
    sim.reset();
    proxy.tunnels.length = 0;
  });
  after(async () => {
    await proxy.close();
    await front.close();
    await sim.close();
    ca.remove();
  });

  const ask = async (client: ClientConfig) =>
    (await invokeParallel([{ prompt: 'hello' }], { client, model: 'claude-haiku-4-5' }))[0]!;

  it('http.proxy and a trusted CA: the request tunnels through the proxy and succeeds', async () => {
    const transport = createTransport({ proxy: proxy.url, extraCa: [ca.caPem], env: {} });
    try {
      const result = await ask({ apiKey: API_KEY, baseURL: front.url, fetch: transport.fetch });
      assert.equal(result.status, 'completed', result.error?.message);
      assert.deepEqual(proxy.tunnels, [`127.0.0.1:${front.port}`]);
      assert.match(transport.description, /^proxy http:\/\/127\.0\.0\.1:\d+, 1 extra CA\(s\)$/);
    } finally {
      await transport.close();
    }
  });

  it('http.noProxy keeps a host off the proxy', async () => {
    const transport = createTransport({ proxy: proxy.url, noProxy: ['127.0.0.1'], extraCa: [ca.caPem], env: {} });
    try {
      assert.equal((await ask({ apiKey: API_KEY, baseURL: front.url, fetch: transport.fetch })).status, 'completed');
      assert.deepEqual(proxy.tunnels, []);
    } finally {
      await transport.close();
    }
  });

  it('an untrusted chain is a certificate error naming the settings; http.proxyStrictSSL: false accepts it', async () => {
    const strict = createTransport({ proxy: proxy.url, env: {} });
    const lax = createTransport({ proxy: proxy.url, strictSSL: false, env: {} });
    try {
      const refused = await ask({ apiKey: API_KEY, baseURL: front.url, fetch: strict.fetch });
      assert.equal(refused.status, 'failed');
      assert.equal(refused.error?.kind, 'certificate');
      assert.equal(refused.error?.retryable, false);
      assert.match(refused.error!.message, /SELF_SIGNED_CERT_IN_CHAIN/);
      assert.match(refused.error!.message, /NODE_EXTRA_CA_CERTS/);
      assert.match(refused.error!.message, /http\.systemCertificates/);
      assert.equal(sim.log.length, 0);
      assert.equal((await ask({ apiKey: API_KEY, baseURL: front.url, fetch: lax.fetch })).status, 'completed');
    } finally {
      await strict.close();
      await lax.close();
    }
  });

  it('NODE_EXTRA_CA_CERTS is honoured by name, and an unreadable file is named', () => {
    const transport = createTransport({ env: { NODE_EXTRA_CA_CERTS: ca.caFile } });
    assert.equal(transport.description, 'extra CAs from NODE_EXTRA_CA_CERTS');
    void transport.close();
    assert.throws(
      () => createTransport({ env: { NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' } }),
      /NODE_EXTRA_CA_CERTS names \/nonexistent\/ca\.pem/,
    );
    assert.equal(needsTransport({ env: {} }), false, 'nothing configured: the default fetch');
    assert.equal(needsTransport({ env: { HTTPS_PROXY: proxy.url } }), true);
  });

  it('the cloud providers go through the same transport (Vertex behind the proxy)', async () => {
    const transport = createTransport({ proxy: proxy.url, extraCa: [ca.caPem], env: {} });
    sim.configure({ cloud: { allowAnonymous: true } });
    try {
      const provider = await loadCloudProvider({
        name: 'vertex',
        region: 'global',
        projectId: 'p',
        baseURL: `${front.url}/v1`,
        skipAuth: true,
      });
      const result = await ask({ provider, fetch: transport.fetch });
      assert.equal(result.status, 'completed', result.error?.message);
      assert.deepEqual(proxy.tunnels, [`127.0.0.1:${front.port}`]);
      assert.equal(sim.log[0]!.cloud?.provider, 'vertex');
    } finally {
      sim.configure({ cloud: {} });
      await transport.close();
    }
  });
});
