import assert from 'node:assert/strict';
import { verifyApiKey } from '../../../src/core';
import { startSimulator, type Simulator } from '../../support/simulator';
import { fakeKey } from '../../support/fakeKeys';

const KEY = fakeKey('verify');

describe('core: verifyApiKey', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ apiKey: KEY });
  });
  after(() => sim.close());

  it('accepts the right key with one models request and no message', async () => {
    assert.deepEqual(await verifyApiKey({ apiKey: KEY, baseURL: sim.url }), { ok: true });
    assert.equal(sim.log.length, 0, 'no tokens were spent');
  });

  it('says a wrong key is refused', async () => {
    const check = await verifyApiKey({ apiKey: fakeKey('wrong'), baseURL: sim.url });
    assert.equal(check.ok, false);
    assert.ok(!check.ok && check.refused && check.kind === 'authentication');
  });

  it('tells an unreachable endpoint apart from a refused key', async () => {
    const check = await verifyApiKey({ apiKey: KEY, baseURL: 'http://127.0.0.1:9', timeoutMs: 2000 });
    assert.ok(!check.ok && !check.refused);
  });
});
