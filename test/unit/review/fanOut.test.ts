import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ClientConfig } from '../../../src/core';
import { gatherContext, type GatheredContext } from '../../../src/review/context';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { BUILTIN_EXPERTS } from '../../../src/review/experts';
import {
  fanOutExperts,
  sharedBlock,
  SYNTHESIS_ID,
  type FanOutRequest,
  type ReviewListener,
  type RunStatus,
} from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { startSimulator, type Simulator } from '../../support/simulator';
import { fakeKey } from '../../support/fakeKeys';

const FIXTURE = join(__dirname, '../../fixtures/review/demo-app');
const KEY = fakeKey('review');

/** Records what a review reports (the pipeline's ReviewEvent objects), as the editor layer would receive it. */
function recorder() {
  const statuses = new Map<string, RunStatus[]>();
  const texts = new Map<string, string>();
  const events: ReviewListener = (e) => {
    if (e.type === 'status') statuses.set(e.sectionId, [...(statuses.get(e.sectionId) ?? []), e.status]);
    if (e.type === 'text') texts.set(e.sectionId, (texts.get(e.sectionId) ?? '') + e.text);
  };
  return { statuses, texts, events };
}

describe('review: the expert fan-out against the simulator', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let context: GatheredContext;

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 10, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
    // Padding makes the shared block long enough to be cached, as a real file of a few hundred lines would be.
    context = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: FIXTURE,
      target: { kind: 'paths', paths: ['src'] },
      budgetTokens: 50_000,
    });
    context = {
      ...context,
      systemText: `${context.systemText}\n${'<!-- padding for the cache minimum -->\n'.repeat(150)}`,
    };
  });
  afterEach(() => {
    sim.reset();
    sim.configure({ tokensPerSecond: 0, outputTokens: 60 });
  });
  after(() => sim.close());

  const request = (emit: ReviewListener, extra: Partial<FanOutRequest> = {}): FanOutRequest => ({
    block: sharedBlock(context),
    experts: BUILTIN_EXPERTS,
    client,
    model: 'claude-sonnet-5-5',
    maxTokens: 4096,
    maxWorkers: 5,
    synthesis: true,
    emit,
    ...extra,
  });

  it('runs every expert over one cache write, streams each, and merges findings onto the right lines', async () => {
    const r = recorder();
    const outcome = await fanOutExperts(request(r.events));
    assert.equal(outcome.status, 'completed');
    for (const e of BUILTIN_EXPERTS) {
      assert.deepEqual(r.statuses.get(e.id), ['queued', 'streaming', 'done'], e.id);
      assert.ok((r.texts.get(e.id) ?? '').includes('"findings"'), `${e.id} streamed its answer`);
    }
    assert.deepEqual(r.statuses.get(SYNTHESIS_ID), ['streaming', 'done']);

    const expertCalls = sim.log.slice(0, BUILTIN_EXPERTS.length);
    assert.equal(expertCalls.filter((c) => c.usage.cache_creation_input_tokens > 0).length, 1, 'one cache write');
    assert.equal(expertCalls.filter((c) => c.usage.cache_read_input_tokens > 0).length, BUILTIN_EXPERTS.length - 1);
    assert.ok(sim.log.at(-1)!.usage.cache_read_input_tokens > 0, 'the synthesis reads the same cached block');

    const sql = outcome.merged.findings.find((f) => /SQL/.test(f.title));
    assert.ok(sql, 'the SQL finding survives synthesis');
    assert.equal(sql.file, 'src/userService.js');
    assert.equal(sql.startLine, 7);
    assert.ok(
      outcome.merged.findings.some((f) => f.startLine === 17 && f.suggestedFix),
      'the off-by-one keeps its fix',
    );
    assert.ok(outcome.usage.cacheReadTokens > 0);
    assert.ok(outcome.cost.usd! > 0 && outcome.cost.uncachedUsd! > outcome.cost.usd!);
  });

  it('one expert failing mid-stream is marked failed with its partial text; the others finish', async () => {
    sim.configure({ tokensPerSecond: 3000 });
    sim.enqueueFault({
      kind: 'midStreamError',
      afterTokens: 10,
      match: (req) => JSON.stringify(req.messages).includes('expert-id=\\"security'),
    });
    const r = recorder();
    const outcome = await fanOutExperts(request(r.events));
    const security = outcome.experts.find((e) => e.expert.id === 'security')!;
    assert.equal(security.status, 'failed');
    assert.equal(security.errorKind, 'overloaded');
    assert.ok(security.result.rawText.length > 0, 'partial text kept');
    assert.equal(r.statuses.get('security')?.at(-1), 'failed');
    assert.equal(outcome.status, 'completed');
    assert.match(outcome.message ?? '', /1 of 4 experts failed: Security/);
    assert.ok(outcome.experts.filter((e) => e.status === 'completed').length === 3);
  });

  it('a wrong key fails every expert with an authentication error', async () => {
    const r = recorder();
    const outcome = await fanOutExperts(request(r.events, { client: { ...client, apiKey: fakeKey('wrong') } }));
    assert.equal(outcome.status, 'failed');
    assert.ok(outcome.experts.every((e) => e.errorKind === 'authentication'));
    assert.match(outcome.message ?? '', /set a valid key/);
  });

  it('cancelling stops every request, keeps partial text and skips the synthesis', async () => {
    sim.configure({ tokensPerSecond: 150 });
    sim.holdResponses({ afterTokens: 60 }); // 240 characters each, then open: the cancel comes mid-stream
    const controller = new AbortController();
    const r = recorder();
    const events: ReviewListener = (e) => {
      r.events(e);
      if (e.type === 'text' && [...r.texts.values()].join('').length > 200) controller.abort();
    };
    const outcome = await fanOutExperts(request(events, { signal: controller.signal }));
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.synthesis.status, 'cancelled');
    assert.ok(outcome.experts.some((e) => e.status === 'interrupted' && e.result.rawText.length > 0));
    await sim.waitForIdle(1000);
    assert.ok(
      sim.log.every((e) => e.aborted || e.completed),
      'nothing left open',
    );
    assert.equal(sim.log.filter((e) => JSON.stringify(e.body).includes('synthesis-request')).length, 0);
  });

  it('cancel after one expert finished keeps its findings, merged without synthesis', async () => {
    sim.configure({ tokensPerSecond: 150 });
    // Every expert streams its first tokens and stays open; then one is let finish.
    sim.holdResponses({ afterTokens: 4 });
    const controller = new AbortController();
    const finished: string[] = [];
    const events: ReviewListener = (e) => {
      // The user presses Cancel the moment the first expert is done; the others are still streaming.
      if (e.type === 'status' && e.status === 'done' && e.sectionId !== SYNTHESIS_ID && !controller.signal.aborted) {
        finished.push(e.sectionId);
        controller.abort();
      }
    };
    const run = fanOutExperts(request(events, { signal: controller.signal }));
    await sim.waitForRequests(BUILTIN_EXPERTS.length);
    sim.releaseResponses(1);
    const outcome = await run;
    assert.equal(outcome.status, 'cancelled');
    assert.equal(finished.length, 1, 'an expert reported done while the others ran');
    const first = outcome.experts.find((e) => e.expert.id === finished[0])!;
    assert.equal(first.status, 'completed');
    assert.ok(
      outcome.experts.some((e) => e.status !== 'completed'),
      'the others were cancelled',
    );
    assert.ok(outcome.findingsFrom.includes(first.expert.name));
    assert.ok(first.result.findings.length > 0);
    for (const f of first.result.findings) {
      assert.ok(
        outcome.merged.findings.some((m) => m.title === f.title && m.startLine === f.startLine),
        `kept: ${f.title}`,
      );
    }
    assert.match(outcome.message ?? '', new RegExp(`findings of ${first.expert.name}`));
  });

  it('reports each expert’s own findings the moment it ends, while the others still stream', async () => {
    sim.configure({ tokensPerSecond: 150 });
    sim.holdResponses({ afterTokens: 4 });
    const seen: string[] = [];
    let firstFindings = () => {};
    const first = new Promise<void>((resolve) => (firstFindings = resolve));
    const events: ReviewListener = (e) => {
      if (e.type === 'expertFindings') {
        seen.push(`${e.sectionId} ${e.findings.length}`);
        firstFindings();
      }
      if (e.type === 'status' && e.sectionId === SYNTHESIS_ID) seen.push(`synthesis ${e.status}`);
    };
    const run = fanOutExperts(request(events));
    await sim.waitForRequests(BUILTIN_EXPERTS.length);
    sim.releaseResponses(1);
    await first;
    assert.equal(seen.length, 1, 'one expert’s findings before the others have finished');
    assert.ok(Number(seen[0]!.split(' ')[1]) > 0, 'with what it raised');
    sim.releaseResponses();
    const outcome = await run;
    assert.equal(seen.filter((s) => !s.startsWith('synthesis')).length, BUILTIN_EXPERTS.length);
    assert.ok(seen.indexOf('synthesis streaming') >= BUILTIN_EXPERTS.length, 'all before the synthesis starts');
    const earliest = outcome.experts.find((e) => e.expert.id === seen[0]!.split(' ')[0])!;
    assert.equal(Number(seen[0]!.split(' ')[1]), earliest.result.findings.length);
  });

  it('a refused key is said once per run, not on every expert', async () => {
    const notes: string[] = [];
    const r = recorder();
    const events: ReviewListener = (e) => {
      r.events(e);
      if (e.type === 'status' && e.status === 'failed' && e.note) notes.push(e.note);
    };
    const outcome = await fanOutExperts(request(events, { client: { ...client, apiKey: fakeKey('wrong') } }));
    assert.equal(outcome.status, 'failed');
    assert.equal(notes.length, 1, notes.join(' | '));
    assert.doesNotMatch(notes[0]!, /401/);
    // No expert answered, so the synthesis did not run: its lane must not read "done".
    assert.deepEqual(r.statuses.get(SYNTHESIS_ID), ['cancelled']);
  });

  it('logs a skipped cache breakpoint once per run, not once per expert', async () => {
    const lines: string[] = [];
    const logger = { debug: () => {}, info: (m: string) => lines.push(m), warn: () => {}, error: () => {} };
    const small = { ...context, systemText: context.systemText.slice(0, 400) };
    await fanOutExperts(request(recorder().events, { logger, synthesis: false, block: sharedBlock(small) }));
    assert.equal(lines.filter((l) => l.startsWith('Cache breakpoint skipped')).length, 1, lines.join('\n'));
  });

  it('without synthesis, findings are merged locally and nothing more is sent', async () => {
    const r = recorder();
    const outcome = await fanOutExperts(request(r.events, { synthesis: false }));
    assert.equal(sim.log.length, BUILTIN_EXPERTS.length);
    assert.ok(outcome.merged.findings.length >= 5);
    assert.match(outcome.synthesis.note ?? '', /Synthesis is off/);
  });
});
