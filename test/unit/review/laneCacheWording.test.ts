// What a lane says of its cache: code below the model's minimum cacheable length is never cached, which is
// no failure, so it reads "not cached (below the 1,024-token minimum)", not "cache missed". Driven through
// a real review on the simulator (the API's usage counts), the host's view and the panel's own rendering.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientConfig } from '../../../src/core';
import { toLaneCostView } from '../../../src/extension/review/laneCostView';
import { nodeWorkspaceFs } from '../../../src/node';
import { BUILTIN_EXPERTS, runReviewPipeline, type ReviewEvent } from '../../../src/review';
import type { ReviewState } from '../../../src/webview/review/reviewState';
import type { ReviewWebviewMessage } from '../../../src/shared/protocol';
import { mountReview } from '../../../src/webview/review/reviewApp';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';
import { byTestId, createPage, FakeVsCodeApi, ManualFrames } from '../webview/helpers';

const KEY = fakeKey('lane-cache');
const EXPERT = BUILTIN_EXPERTS[0]!;
const roots: string[] = [];

async function project(lines: number): Promise<string> {
  const root = await fsp.mkdtemp(join(tmpdir(), 'cma-lane-cache-'));
  roots.push(root);
  await fsp.mkdir(join(root, 'src'));
  const code = Array.from({ length: lines }, (_, i) => `export const value${i} = compute(${i}) + offset; // ${i}`);
  await fsp.writeFile(join(root, 'src', 'a.ts'), code.join('\n'));
  return root;
}

/** Reviews `root` with one expert; the lane's text as the panel shows it once the expert has finished. */
async function laneText(client: ClientConfig, root: string): Promise<string> {
  const events: ReviewEvent[] = [];
  const result = await runReviewPipeline({
    target: { kind: 'paths', paths: ['src'] },
    title: 'src',
    files: { fs: nodeWorkspaceFs, root },
    experts: { load: () => Promise.resolve({ experts: [EXPERT], problems: [] }) },
    access: () => Promise.resolve(client),
    settings: {
      model: 'claude-sonnet-5-5',
      maxTokens: 1024,
      maxConcurrency: 2,
      contextTokenBudget: 60_000,
      exclude: [],
      synthesis: false,
      fanOutStrategy: 'cacheAware',
    },
    onEvent: (e) => events.push(e),
    store: { save: () => Promise.resolve() },
  });
  assert.equal(result.kind, 'finished');
  const cost = events.filter((e) => e.type === 'cost').at(-1);
  assert.ok(cost?.type === 'cost' && cost.live.final, 'a final cost for the lane');
  const page = createPage();
  const panel = mountReview(page.root, {
    win: page.win,
    api: new FakeVsCodeApi<ReviewWebviewMessage, ReviewState>(),
    frames: new ManualFrames(),
    now: () => 0,
  });
  try {
    panel.handle({
      type: 'review/init',
      reviewId: 'r1',
      title: 'src',
      targets: [],
      sections: [{ id: cost.sectionId, title: EXPERT.name }],
      excluded: [],
      simulated: true,
      startedAt: '2025-01-01T00:00:00.000Z',
    });
    panel.handle({ type: 'review/update', updates: [{ id: cost.sectionId, cost: toLaneCostView(cost) }] });
    return byTestId(page.root, `lane-cost-${cost.sectionId}`).textContent ?? '';
  } finally {
    panel.dispose();
  }
}

describe('review panel: a lane names why its code was not cached', () => {
  let sim: Simulator;
  let client: ClientConfig;
  before(async () => {
    sim = await startSimulator({ apiKey: KEY, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
  });
  after(async () => {
    await sim.close();
    await Promise.all(roots.map((r) => fsp.rm(r, { recursive: true, force: true })));
  });

  it('code below the caching minimum: "not cached (below the 1,024-token minimum)", never "cache missed"', async () => {
    const text = await laneText(client, await project(5));
    assert.match(text, / · not cached \(below the 1,024-token minimum\)$/);
    assert.doesNotMatch(text, /missed/);
  });

  it('code above it is written to the cache and says so', async () => {
    const text = await laneText(client, await project(400));
    assert.match(text, / · cache written$/);
  });
});
