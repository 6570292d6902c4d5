// A review split into many context groups runs every group's requests under one run signal: however
// many groups and lanes, no AbortSignal gathers listeners past Node's limit (which would print a
// MaxListenersExceededWarning in the editor's log), through the real pipeline and SDK on the simulator.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientConfig } from '../../../src/core';
import { nodeWorkspaceFs } from '../../../src/node';
import { BUILTIN_EXPERTS, DEFAULT_REVIEW_SETTINGS, runReviewPipeline } from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';

const KEY = fakeKey('groups-listeners');
const GROUPS = 14;

describe('review: many context groups and abort listeners', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let root: string;
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
    root = await fsp.mkdtemp(join(tmpdir(), 'cma-groups-listeners-'));
    const body = Array.from({ length: 40 }, (_, i) => `export const value${i} = ${i} * 2;`).join('\n');
    for (let i = 0; i < GROUPS; i++) await fsp.writeFile(join(root, `file${i}.js`), `${body}\n`);
    process.on('warning', onWarning);
  });
  after(async () => {
    process.off('warning', onWarning);
    await sim.close();
  });

  afterEach(() => sim.reset());

  const review = (signal: AbortSignal) =>
    runReviewPipeline({
      target: { kind: 'paths', paths: ['.'] },
      title: 'many files',
      files: { fs: nodeWorkspaceFs, root },
      experts: { load: () => Promise.resolve({ experts: BUILTIN_EXPERTS.slice(0, 3), problems: [] }) },
      access: () => Promise.resolve(client),
      settings: { ...DEFAULT_REVIEW_SETTINGS, contextTokenBudget: 700, maxContextGroups: 20, maxConcurrency: 8 },
      onEvent: () => {},
      store: { save: () => Promise.resolve() },
      signal,
    });

  it('reviews every group without a MaxListenersExceededWarning', async () => {
    const result = await review(new AbortController().signal);
    assert.ok(result.kind === 'finished');
    assert.equal(
      result.record.sections.filter((s) => s.id.startsWith(BUILTIN_EXPERTS[0]!.id)).length,
      GROUPS,
      'one group per file',
    );
    // Warnings are emitted on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    const leaks = warnings.filter((w) => w.name === 'MaxListenersExceededWarning');
    assert.deepEqual(
      leaks.map((w) => w.message),
      [],
    );
  });

  it('Cancel still stops every group’s open requests (each group’s signal follows the run’s)', async () => {
    sim.holdResponses();
    const abort = new AbortController();
    const running = review(abort.signal);
    await sim.waitForRequests(8); // maxConcurrency: every slot is open
    abort.abort();
    const result = await running;
    assert.ok(result.kind === 'finished');
    assert.equal(result.outcome.status, 'cancelled');
    await sim.waitForIdle();
    assert.ok(
      sim.log.every((e) => !e.completed),
      'no reply was received after Cancel',
    );
  });
});
