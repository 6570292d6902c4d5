// The review pipeline end to end without the editor: node:fs, the built-in experts, the real SDK
// over HTTP to the simulator. Had any step of it stayed in the VS Code controller, this could not run.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientConfig } from '../../../src/core';
import { jsonFileStore, reviewOnNode } from '../../../src/node';
import {
  BUILTIN_EXPERTS,
  noWorkspaceFs,
  runReviewPipeline,
  SYNTHESIS_ID,
  VERIFICATION_ID,
  type ReviewEvent,
  type ReviewRecord,
} from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';

const FIXTURE = join(__dirname, '../../fixtures/review/demo-app');
const KEY = fakeKey('pipeline');

describe('node: the review pipeline without an editor', () => {
  let sim: Simulator;
  let client: ClientConfig;

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  it('chooses, gathers, plans, fans out, synthesises, places findings and stores the record with its cost', async () => {
    const events: ReviewEvent[] = [];
    const file = join(await fsp.mkdtemp(join(tmpdir(), 'cma-review-')), 'review.json');
    const result = await reviewOnNode({
      root: FIXTURE,
      target: { kind: 'paths', paths: ['src'] },
      client,
      onEvent: (e) => events.push(e),
      store: jsonFileStore(file),
    });

    assert.equal(result.kind, 'finished');
    if (result.kind !== 'finished') return;
    const types = events.map((e) => e.type).filter((t) => t !== 'gathering');
    assert.equal(events[0]?.type, 'gathering', 'gathering reports before it reads');
    assert.ok(
      events.findIndex((e) => e.type === 'planned') > events.map((e) => e.type).lastIndexOf('gathering'),
      'gathering ends before the plan',
    );
    assert.equal(types[0], 'planned', 'the plan comes before any request');
    assert.equal(types.at(-1), 'finished');
    assert.equal(types.filter((t) => t === 'planned' || t === 'finished').length, 2);

    const planned = events.find((e) => e.type === 'planned');
    assert.ok(planned?.type === 'planned');
    assert.deepEqual(
      planned.plan.sections.map((s) => s.id),
      [...BUILTIN_EXPERTS.map((e) => e.id), SYNTHESIS_ID, VERIFICATION_ID],
      'critical and high findings are verified by default',
    );
    assert.deepEqual(planned.plan.reviewedFiles.sort(), ['src/db.js', 'src/userService.js']);
    assert.equal(planned.plan.estimate.requests, BUILTIN_EXPERTS.length + 1);
    assert.ok(planned.plan.estimate.contextTokens > 0);
    const verifiers = sim.log.filter((e) => JSON.stringify(e.body).includes('<verification-request>')).length;
    assert.equal(
      sim.log.length - verifiers,
      BUILTIN_EXPERTS.length + 1,
      'one request per expert and one synthesis, as estimated',
    );
    assert.match(planned.plan.estimate.summary ?? '', /verify ≤ \$[\d.]+ a finding \(cache reads\)/);

    for (const e of BUILTIN_EXPERTS) {
      const statuses = events.flatMap((ev) => (ev.type === 'status' && ev.sectionId === e.id ? [ev.status] : []));
      assert.deepEqual(statuses, ['queued', 'streaming', 'done'], e.id);
      assert.ok(
        events.some((ev) => ev.type === 'text' && ev.sectionId === e.id),
        `${e.id} streamed`,
      );
    }

    const { record } = result;
    assert.equal(record.status, 'completed');
    const sql = record.findings.find((f) => /SQL/.test(f.title));
    assert.ok(sql, 'the SQL finding is placed');
    assert.equal(sql.file, 'src/userService.js');
    assert.equal(sql.startLine, 7);
    assert.ok(record.usage.outputTokens > 0);
    assert.ok((record.cost.usd ?? 0) > 0, 'the cost is recorded');
    assert.ok(verifiers > 0);
    assert.equal(
      verifiers,
      record.findings.filter((f) => f.severity === 'critical' || f.severity === 'high').length,
      'one verifier per critical or high finding',
    );

    const stored = JSON.parse(await fsp.readFile(file, 'utf8')) as ReviewRecord;
    assert.equal(stored.reviewId, record.reviewId);
    assert.equal(stored.findings.length, record.findings.length);
    assert.equal(stored.cost.usd, record.cost.usd);
  });

  it('stops before reading anything or sending a request when there is no API access', async () => {
    const events: ReviewEvent[] = [];
    const result = await runReviewPipeline({
      target: { kind: 'paths', paths: ['src'] },
      title: 'src',
      // Any read would fail the review as "unreadable": stopping for the key must come first.
      files: { fs: noWorkspaceFs, root: FIXTURE },
      experts: { load: () => Promise.resolve({ experts: [...BUILTIN_EXPERTS], problems: [] }) },
      access: () => Promise.resolve(undefined),
      settings: {
        model: 'claude-sonnet-5-5',
        maxTokens: 1024,
        maxConcurrency: 2,
        contextTokenBudget: 10_000,
        exclude: [],
        synthesis: true,
        fanOutStrategy: 'cacheAware',
      },
      onEvent: (e) => events.push(e),
      store: { save: () => Promise.reject(new Error('nothing to store')) },
    });
    assert.deepEqual(result, {
      kind: 'stopped',
      reason: 'noApiAccess',
      message: 'No API key was given, so nothing was sent.',
    });
    assert.deepEqual(events, []);
    assert.equal(sim.log.length, 0);
  });

  it('stops when no expert is chosen, and says so', async () => {
    const result = await reviewOnNode({
      root: FIXTURE,
      target: { kind: 'paths', paths: ['src'] },
      client,
      experts: [],
    });
    assert.equal(result.kind, 'stopped');
    assert.equal(result.kind === 'stopped' && result.reason, 'noExperts');
    assert.equal(sim.log.length, 0);
  });

  it('a listener that throws does not stop the review; a store that fails does not lose the result', async () => {
    const warnings: string[] = [];
    const logger = {
      debug: () => {},
      info: () => {},
      warn: (m: string) => warnings.push(m),
      error: (m: string) => warnings.push(m),
    };
    const result = await reviewOnNode({
      root: FIXTURE,
      target: { kind: 'paths', paths: ['src'] },
      client,
      experts: BUILTIN_EXPERTS.slice(0, 2),
      settings: { synthesis: false, verify: 'off' },
      onEvent: () => {
        throw new Error('listener broke');
      },
      store: { save: () => Promise.reject(new Error('disk full')) },
      logger,
    });
    assert.equal(result.kind, 'finished');
    assert.equal(result.kind === 'finished' && result.record.status, 'completed');
    assert.equal(sim.log.length, 2);
    assert.ok(warnings.some((w) => /listener broke/.test(w)));
    assert.ok(warnings.some((w) => /could not be stored: disk full/.test(w)));
  });

  it("honours the user's global git excludes, as the command line that runs through it must", async () => {
    const home = await fsp.mkdtemp(join(tmpdir(), 'cma-global-excludes-'));
    await fsp.writeFile(join(home, 'ignore'), 'userService.js\n');
    await fsp.writeFile(join(home, 'gitconfig'), `[core]\n\texcludesFile = ${join(home, 'ignore')}\n`);
    const before = process.env['GIT_CONFIG_GLOBAL'];
    process.env['GIT_CONFIG_GLOBAL'] = join(home, 'gitconfig');
    try {
      const result = await reviewOnNode({
        root: FIXTURE,
        target: { kind: 'paths', paths: ['src'] },
        client,
        experts: BUILTIN_EXPERTS.slice(0, 1),
        settings: { synthesis: false },
      });
      assert.equal(result.kind, 'finished');
      assert.deepEqual(result.kind === 'finished' && result.record.reviewedFiles, ['src/db.js']);
      assert.ok(
        !JSON.stringify(sim.log.map((e) => e.body)).includes('src/userService.js'),
        'the excluded file was sent',
      );
    } finally {
      if (before === undefined) delete process.env['GIT_CONFIG_GLOBAL'];
      else process.env['GIT_CONFIG_GLOBAL'] = before;
      await fsp.rm(home, { recursive: true, force: true });
    }
  });
});
