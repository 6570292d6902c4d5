// A review split into context groups behaves as one review afterwards, through the real pipeline and
// SDK against the simulator: experts added or retried later run over every group's block (each a cache
// read), a re-review marks fixed and still-open findings in every group's files, and a follow-up chat
// about a file that a group held alone reads that group's block.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildChatPrompt, ChatSession, gatherFileContext, ThreadStore } from '../../../src/chat';
import type { ClientConfig } from '../../../src/core';
import { nodeWorkspaceFs } from '../../../src/node';
import {
  BUILTIN_EXPERTS,
  DEFAULT_REVIEW_SETTINGS,
  runReviewPipeline,
  type ExpertDefinition,
  type ReviewEvent,
  type ReviewPipelineInput,
  type ReviewSettings,
} from '../../../src/review';
import { parseExpertPromptHeader } from '../../../src/review/prompts';
import { MemoryStore } from '../chat/helpers';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type RequestLogEntry, type Simulator } from '../../support/simulator';

const FIXTURE = join(__dirname, '../../fixtures/review/demo-app/src/userService.js');
const KEY = fakeKey('groups-after');
const FILES = ['alpha.js', 'bravo.js', 'charlie.js'];
const expert = (id: string): ExpertDefinition => BUILTIN_EXPERTS.find((e) => e.id === id)!;
// Each file fits the budget alone, no two together: three groups of one file each.
const SETTINGS: ReviewSettings = {
  ...DEFAULT_REVIEW_SETTINGS,
  synthesis: false,
  contextTokenBudget: 4000,
  maxContextGroups: 5,
};

describe('review: a review in context groups, afterwards', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let root: string;

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
  });
  beforeEach(async () => {
    root = await fsp.mkdtemp(join(tmpdir(), 'cma-groups-after-'));
    // Padded past the smallest prefix the API caches, so each group's block is written to the cache.
    const padding = Array.from({ length: 160 }, (_, i) => `// notes ${i}: the report layout follows the team guide`);
    const text = `${await fsp.readFile(FIXTURE, 'utf8')}\n${padding.join('\n')}\n`;
    for (const file of FILES) await fsp.writeFile(join(root, file), text);
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  const review = async (experts: ExpertDefinition[], extra: Partial<ReviewPipelineInput> = {}) => {
    const result = await runReviewPipeline({
      target: { kind: 'paths', paths: FILES },
      title: 'three files',
      files: { fs: nodeWorkspaceFs, root },
      experts: { load: () => Promise.resolve({ experts, problems: [] }) },
      access: () => Promise.resolve(client),
      settings: SETTINGS,
      onEvent: () => {},
      store: { save: () => Promise.resolve() },
      ...extra,
    });
    assert.ok(result.kind === 'finished', 'the review finishes');
    assert.deepEqual(
      result.record.sections.filter((s) => s.id.startsWith(experts[0]!.id)).map((s) => s.id),
      [experts[0]!.id, `${experts[0]!.id}@2`, `${experts[0]!.id}@3`],
      'one context group per file',
    );
    return result;
  };
  /** Every string in a request body's part, joined (a prompt may be a string or content blocks). */
  const textOf = (value: unknown): string =>
    typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? value.map(textOf).join('\n')
        : value && typeof value === 'object'
          ? Object.values(value).map(textOf).join('\n')
          : '';
  const expertOf = (e: RequestLogEntry) => parseExpertPromptHeader(textOf(e.body?.messages))?.id;
  /** The files each request of `expertId` showed in its system block, one list per request. */
  const filesShownTo = (log: readonly RequestLogEntry[], expertId: string): string[][] =>
    log.filter((e) => expertOf(e) === expertId).map((e) => FILES.filter((f) => textOf(e.body?.system).includes(f)));

  it('runs an added expert over every group, each a cache read, and a retry replaces its run in every group', async () => {
    const first = await review([expert('security')]);
    const before = sim.log.length;
    const events: ReviewEvent[] = [];
    const more = await first.review.addExperts([expert('security'), expert('correctness')], {
      settings: SETTINGS,
      onEvent: (e) => events.push(e),
    });
    assert.ok(more.kind === 'finished');
    const log = sim.log.slice(before);

    for (const id of ['security', 'correctness'])
      assert.deepEqual(
        filesShownTo(log, id).sort(),
        FILES.map((f) => [f]),
        `${id} is shown every group's file, one group per request`,
      );
    assert.ok(
      log.filter((e) => expertOf(e) === 'security').every((e) => e.usage.cache_read_input_tokens > 0),
      'a retried expert reads each group’s cache the review wrote',
    );
    // The added expert's findings come from every group's file; the retry left one run per group.
    const correctness = more.outcome.merged.findings.filter((f) => f.experts.some((e) => /Correctness/.test(e)));
    assert.deepEqual([...new Set(correctness.map((f) => f.file))].sort(), FILES);
    assert.equal(more.outcome.experts.filter((r) => r.expert.id === 'security').length, FILES.length);
    assert.equal(more.outcome.experts.filter((r) => r.expert.id === 'correctness').length, FILES.length);
    // Every group's lane of the new expert is announced, and its statuses arrive under those lanes.
    const announced = events.find((e) => e.type === 'moreExperts');
    assert.ok(announced?.type === 'moreExperts');
    assert.deepEqual(
      announced.added.map((s) => s.id),
      ['correctness', 'correctness@2', 'correctness@3'],
    );
    assert.ok(events.some((e) => e.type === 'status' && e.sectionId === 'correctness@3' && e.status === 'done'));
  });

  it('a retry after a later group failed can mark that group’s fixed finding gone, and the others still open', async () => {
    const first = await review([expert('security')]);
    const evalIn = (file: string) => first.record.findings.find((f) => f.file === file && /eval/i.test(f.title));
    assert.ok(evalIn('charlie.js') && evalIn('bravo.js'), 'the eval finding is raised in groups 2 and 3');
    // charlie.js (group 3) loses its eval function, and its request fails: the review is not complete,
    // so it cannot say the finding is fixed.
    const text = await fsp.readFile(join(root, 'charlie.js'), 'utf8');
    await fsp.writeFile(join(root, 'charlie.js'), text.replace(/export function runFormula[^}]*}\n/, ''));
    sim.enqueueFault({ kind: 'status', status: 400, match: (req) => textOf(req.system).includes('charlie.js') });
    const second = await review([expert('security')], {
      previous: { findings: () => Promise.resolve(first.record.findings) },
    });
    assert.ok(!second.record.gone?.length, 'an incomplete review marks nothing fixed');
    // Retried, the expert answers for every group: the review is complete again.
    const more = await second.review.addExperts([expert('security')], { settings: SETTINGS, onEvent: () => {} });
    assert.ok(more.kind === 'finished');
    assert.deepEqual(
      more.record.gone?.map((f) => f.file),
      ['charlie.js'],
      'the finding fixed in group 3 is gone',
    );
    assert.ok(more.record.open?.includes(evalIn('bravo.js')!.id), 'the same finding in group 2 is still open');
  });

  it('a follow-up chat about a file a group held alone reads that group’s cached block', async () => {
    const first = await review([expert('security')]);
    assert.ok(first.reviewedCode, 'a review in context groups keeps the prefixes a chat can read');
    const reviewed = first.reviewedCode.find((c) => c.path === 'bravo.js');
    assert.ok(reviewed, 'the prefix of the group that held bravo.js is kept');
    const file = await gatherFileContext({
      fs: nodeWorkspaceFs,
      path: 'bravo.js',
      filePath: join(root, 'bravo.js'),
      workspaceRoot: root,
      text: await fsp.readFile(join(root, 'bravo.js'), 'utf8'),
      budgetTokens: 60_000,
    });
    assert.ok(file.included);
    const prompt = buildChatPrompt({ file, reviewed, model: SETTINGS.model });
    const groupRequest = sim.log.find((e) => filesShownTo([e], 'security')[0]?.[0] === 'bravo.js');
    assert.ok(groupRequest, 'the review sent bravo.js’s group');
    // The chat's shared blocks are byte-for-byte the system the review sent for that group.
    const system = groupRequest.body?.system;
    const texts = Array.isArray(system) ? system.map((b) => (b as { text: string }).text) : [system];
    assert.ok(prompt.sharedSystem, 'the chat reuses the review’s prefix');
    assert.deepEqual(prompt.sharedSystem, texts.slice(0, prompt.sharedSystem.length));
    // So the chat's first turn reads the cache that group wrote instead of writing the code again.
    const before = sim.log.length;
    const reply = await new ChatSession(new ThreadStore(new MemoryStore()), 'bravo', 'bravo.js').send('Why eval?', {
      runtime: { client, model: SETTINGS.model, maxTokens: 1024, maxHistoryTokens: 50_000 },
      system: prompt.system,
      sharedSystem: prompt.sharedSystem,
    });
    assert.equal(reply.status, 'completed');
    const usage = sim.log[before]!.usage;
    assert.ok(usage.cache_read_input_tokens >= file.tokens * 0.9, `read ${usage.cache_read_input_tokens}`);
  });
});
