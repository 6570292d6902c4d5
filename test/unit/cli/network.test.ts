// The command line behind a corporate network: an HTTP CONNECT proxy on loopback (HTTPS_PROXY, NO_PROXY)
// and an endpoint whose certificate is signed by a private CA made at test time, trusted through
// NODE_EXTRA_CA_CERTS; without it, the refusal names the code and the setting that fixes it.
import assert from 'node:assert/strict';
import { BUILTIN_EXPERTS } from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { makeTestCa, type TestCa } from '../../support/network/testCa';
import { startConnectProxy, startTlsFront, type ConnectProxy, type TlsFront } from '../../support/network/proxies';
import { startSimulator, type Simulator } from '../../support/simulator';
import { demoRepo, runCli } from './cliHarness';

const KEY = fakeKey('net');

describe('cli: proxies and certificates', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let ca: TestCa;
  let front: TlsFront;
  let proxy: ConnectProxy;
  let repo: ReturnType<typeof demoRepo>;

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    ca = makeTestCa();
    front = await startTlsFront(sim.port, ca.serverKey, ca.serverChain);
    proxy = await startConnectProxy();
  });
  beforeEach(() => {
    repo = demoRepo();
    proxy.tunnels.length = 0;
  });
  afterEach(() => {
    sim.reset();
    repo.remove();
  });
  after(async () => {
    await proxy.close();
    await front.close();
    await sim.close();
    ca.remove();
  });

  const base = () => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: front.url });

  it('goes through HTTPS_PROXY (CONNECT) to an endpoint signed by a CA from NODE_EXTRA_CA_CERTS', async () => {
    const run = await runCli(['review', 'src', '--format', 'json'], repo.root, {
      ...base(),
      HTTPS_PROXY: proxy.url,
      NODE_EXTRA_CA_CERTS: ca.caFile,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stderr,
      /Provider: Anthropic API via 127\.0\.0\.1:\d+ \(proxy http:\/\/127\.0\.0\.1:\d+, extra CAs from NODE_EXTRA_CA_CERTS\)/,
    );
    assert.ok(
      proxy.tunnels.length > 0 && proxy.tunnels.every((t) => t === `127.0.0.1:${front.port}`),
      proxy.tunnels.join(),
    );
    assert.ok(sim.log.length > 0 && sim.log.every((e) => e.status === 200));
  });

  it('NO_PROXY keeps the endpoint off the proxy', async () => {
    const run = await runCli(['review', 'src', '--format', 'json'], repo.root, {
      ...base(),
      HTTPS_PROXY: proxy.url,
      NO_PROXY: '127.0.0.1',
      NODE_EXTRA_CA_CERTS: ca.caFile,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(proxy.tunnels, []);
    assert.ok(sim.log.length > 0);
  });

  it('an untrusted chain fails at once with its code and the setting that fixes it, nothing retried', async () => {
    const run = await runCli(['review', 'src', '--format', 'json'], repo.root, { ...base(), HTTPS_PROXY: proxy.url });
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /SELF_SIGNED_CERT_IN_CHAIN/);
    assert.match(run.stderr, /NODE_EXTRA_CA_CERTS/);
    assert.equal(sim.log.length, 0, 'no request reached the API');
    // One attempt per request (the estimate's counts, then each expert): a refused certificate is not retried.
    assert.equal(proxy.tunnels.length, 1 + 2 * BUILTIN_EXPERTS.length);
  });
});
