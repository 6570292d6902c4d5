// review.passes (issue 26, "recall-first experts"): correctness and security read the code more than
// once over the same cached block, and each expert's passes are merged by fingerprint before the
// synthesis. Over the simulator: what each pass sends, what the cache does, how findings merge.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { ClientConfig } from '../../../src/core';
import { gatherContext } from '../../../src/review/context';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import {
  BUILTIN_EXPERTS,
  fanOutExperts,
  localEstimate,
  parseExpertPromptHeader,
  sharedBlock,
  type Finding,
  type ReviewListener,
  type RunStatus,
  type SharedBlock,
} from '../../../src/review';
import { groupSections } from '../../../src/review/pipeline/groupRuns';
import { demoResponder } from '../../support/demoResponder';
import { startSimulator, type Simulator } from '../../support/simulator';
import type { SimRequest } from '../../support/simulator/types';
import { fakeKey } from '../../support/fakeKeys';

const FIXTURE = join(__dirname, '../../fixtures/review/demo-app');
const KEY = fakeKey('passes');
const PASS_TAG = /<review-pass>([\s\S]*?)<\/review-pass>/;

/** The last user message's text of a logged request body. */
function userText(body: unknown): string {
  const messages = (body as { messages?: Array<{ content: unknown }> } | undefined)?.messages ?? [];
  const content = messages[messages.length - 1]?.content;
  if (typeof content === 'string') return content;
  return Array.isArray(content) ? content.map((c: { text?: string }) => c.text ?? '').join('') : '';
}

describe('review: passes of correctness and security, merged by fingerprint', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let block: SharedBlock;
  /** Findings each (expert, pass) reports: set per test, read by the responder. */
  let answers: (expertId: string, pass: number) => Array<Partial<Finding>>;

  const finding = (file: string, line: number, kind: string): Partial<Finding> => ({
    file,
    startLine: line,
    endLine: line,
    severity: 'high',
    title: `A ${kind} problem`,
    explanation: `The ${kind} problem on line ${line}.`,
    kind,
    confidence: 80,
    evidence: block.listing.get(file)!.get(line)!,
  });

  const responder = (req: SimRequest): string | undefined => {
    const text = userText(req.body);
    const expert = parseExpertPromptHeader(text);
    if (!expert) return demoResponder(req) as string | undefined;
    const pass = Number(/^Pass (\d+) of/.exec(PASS_TAG.exec(text)?.[1] ?? '')?.[1] ?? 1);
    const findings = answers(expert.id, pass).map((f) => ({
      suggestedFix: null,
      rule: null,
      preExisting: false,
      ...f,
    }));
    return JSON.stringify({ summary: `${expert.name}, pass ${pass}.`, findings, suppressedByRules: null, omitted: 0 });
  };

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
    const context = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: FIXTURE,
      target: { kind: 'paths', paths: ['src'] },
      budgetTokens: 50_000,
    });
    // Long enough to be cached, as a real change of a few hundred lines would be.
    block = sharedBlock({
      ...context,
      systemText: `${context.systemText}\n${'<!-- padding for the cache minimum -->\n'.repeat(150)}`,
    });
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  const run = (passes: number, emit: ReviewListener = () => {}, synthesis = false) =>
    fanOutExperts({
      block,
      experts: BUILTIN_EXPERTS,
      client,
      model: 'claude-sonnet-5-5',
      maxTokens: 4096,
      maxWorkers: 5,
      synthesis,
      emit,
      passes,
    });

  const expertRequests = () =>
    sim.log.flatMap((e) => {
      const text = userText(e.body);
      const header = parseExpertPromptHeader(text);
      return header ? [{ id: header.id, text, system: JSON.stringify(e.body?.['system']), usage: e.usage }] : [];
    });

  it('sends correctness and security twice over the same cached block, the second time a cache read with the files in another order', async () => {
    answers = () => [];
    const statuses = new Map<string, RunStatus[]>();
    const outcome = await run(2, (e) => {
      if (e.type === 'status') statuses.set(e.sectionId, [...(statuses.get(e.sectionId) ?? []), e.status]);
    });
    assert.equal(outcome.status, 'completed');
    const requests = expertRequests();
    const count = (id: string) => requests.filter((r) => r.id === id).length;
    assert.equal(count('correctness'), 2);
    assert.equal(count('security'), 2);
    for (const e of BUILTIN_EXPERTS.filter((x) => x.id !== 'correctness' && x.id !== 'security'))
      assert.equal(count(e.id), 1, e.id);
    // One cache write for the whole fan-out: every request sends the same system block.
    assert.equal(new Set(requests.map((r) => r.system)).size, 1, 'every pass sends the same system block');
    assert.equal(requests.filter((r) => r.usage.cache_creation_input_tokens > 0).length, 1, 'one cache write');
    const files = [...new Set(block.files.map((f) => f.path))];
    assert.ok(files.length >= 2, 'the fixture has files to reorder');
    for (const id of ['correctness', 'security']) {
      const [first, second] = requests.filter((r) => r.id === id);
      assert.equal(first!.system, second!.system);
      assert.ok(!PASS_TAG.test(first!.text), 'the first pass is the ordinary request');
      const note = PASS_TAG.exec(second!.text)?.[1] ?? '';
      assert.match(note, /^Pass 2 of 2/);
      const order = /in this order: (.*?)\. /.exec(note)?.[1]?.split(', ');
      assert.deepEqual([...order!].sort(), [...files].sort(), 'every file, once');
      assert.notDeepEqual(order, files, 'in another order than the listing');
      assert.ok(second!.usage.cache_read_input_tokens > 0, `${id}'s second pass reads the cache`);
      assert.equal(second!.usage.cache_creation_input_tokens, 0, `${id}'s second pass writes nothing`);
      const lane = statuses.get(`${id}-pass2`) ?? [];
      assert.equal(lane[0], 'queued', `${id}'s second lane`);
      assert.deepEqual(lane.slice(-2), ['streaming', 'done'], `${id}'s second lane`);
    }
    // One run per expert in the outcome: the passes are merged.
    assert.deepEqual(
      outcome.experts.map((r) => r.expert.id),
      BUILTIN_EXPERTS.map((e) => e.id),
    );
  });

  it('merges a finding both passes raised into one, counted, and keeps one only a single pass raised', async () => {
    const [a, b] = [...new Set(block.files.map((f) => f.path))] as [string, string];
    answers = (id, pass) => {
      if (id === 'correctness')
        return pass === 1
          ? [finding(a, 2, 'off-by-one'), finding(a, 3, 'missing-await')]
          : [finding(a, 2, 'off-by-one'), finding(b, 2, 'null-dereference')];
      if (id === 'security') return pass === 2 ? [finding(b, 3, 'sql-injection')] : [];
      return [];
    };
    const outcome = await run(2);
    const correctness = outcome.experts.find((r) => r.expert.id === 'correctness')!;
    const passesOf = (findings: readonly Finding[]) => Object.fromEntries(findings.map((f) => [f.kind!, f.passes]));
    assert.deepEqual(passesOf(correctness.result.findings), {
      'off-by-one': { raised: 2, of: 2 },
      'missing-await': { raised: 1, of: 2 },
      'null-dereference': { raised: 1, of: 2 },
    });
    const security = outcome.experts.find((r) => r.expert.id === 'security')!;
    assert.deepEqual(passesOf(security.result.findings), { 'sql-injection': { raised: 1, of: 2 } });
    // The merged list: the agreed finding once, each single-pass finding kept (a union).
    const merged = outcome.merged.findings;
    assert.equal(merged.filter((f) => f.kind === 'off-by-one').length, 1);
    assert.deepEqual(passesOf(merged), {
      'off-by-one': { raised: 2, of: 2 },
      'missing-await': { raised: 1, of: 2 },
      'null-dereference': { raised: 1, of: 2 },
      'sql-injection': { raised: 1, of: 2 },
    });
  });

  it('hands the synthesis each expert once, with the passes counted, and keeps the count after it', async () => {
    const [a] = [...new Set(block.files.map((f) => f.path))] as [string];
    answers = (id, pass) =>
      id === 'correctness' ? (pass === 1 ? [finding(a, 2, 'off-by-one')] : [finding(a, 2, 'off-by-one')]) : [];
    const outcome = await run(2, () => {}, true);
    assert.equal(outcome.synthesis.status, 'done', outcome.synthesis.note);
    const synthesis = sim.log.map((e) => userText(e.body)).filter((t) => t.includes('<synthesis-request>'));
    assert.equal(synthesis.length, 1);
    assert.equal((synthesis[0]!.match(/"expert": "Correctness"/g) ?? []).length, 1, 'correctness once');
    assert.match(synthesis[0]!, /"passes": \{\s*"raised": 2,\s*"of": 2\s*\}/);
    assert.deepEqual(outcome.merged.findings.find((f) => f.kind === 'off-by-one')?.passes, { raised: 2, of: 2 });
  });

  it('estimates one more request per extra pass, priced as a cache read, and lists a lane for each', () => {
    const shape = { experts: BUILTIN_EXPERTS, model: 'claude-sonnet-5-5', maxTokens: 4096, synthesis: true };
    // A block of 20k tokens, well over the model's cache minimum.
    const one = localEstimate(20_000, shape);
    const two = localEstimate(20_000, { ...shape, passes: 2 });
    const three = localEstimate(20_000, { ...shape, passes: 3 });
    assert.equal(two.requests, one.requests + 2);
    assert.equal(three.requests, one.requests + 4);
    assert.equal(two.cacheWrites, one.cacheWrites, 'no second cache write');
    assert.equal(two.cacheReads, one.cacheReads + 2);
    assert.ok(two.highUsd > one.highUsd);
    // A read of the block costs a tenth of its base input price; a write 1.25 times it.
    const oneWrite = one.inputUsd / one.requests;
    assert.ok(two.inputUsd - one.inputUsd < oneWrite, 'the extra input is priced as reads, not writes');
    assert.deepEqual(
      groupSections(BUILTIN_EXPERTS, { synthesis: true, passes: 2 }, 1)
        .map((s) => s.id)
        .filter((id) => id.includes('-pass')),
      ['security-pass2', 'correctness-pass2'],
    );
  });
});
