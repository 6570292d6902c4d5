// Project rules in a whole review: the pipeline reads them beside the code, every expert's cached
// system prompt carries them first with a breakpoint of their own, a rule that allows code keeps its
// finding out and is counted, and the record and the Markdown export name the rules files used.
// The real SDK over HTTP to the simulator (which caches prefixes as the API does).
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientConfig } from '../../../src/core';
import { planCache } from '../../../src/core/cache';
import { reviewOnNode } from '../../../src/node';
import {
  BUILTIN_EXPERTS,
  findingsToMarkdown,
  readSuppressedByRules,
  SYNTHESIS_ID,
  type ReviewRecord,
} from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';
import { bigContext } from '../core/helpers';
import { makeTree, type TempTree } from './tempTree';

const FIXTURE = join(__dirname, '../../fixtures/review/demo-app');
const KEY = fakeKey('rules');
const ALLOW_SQL = 'String-built SQL in `src/` is allowed (offline tooling).';

interface SystemBlock {
  text: string;
  cache_control?: unknown;
}

describe('review: project rules in the review', () => {
  let sim: Simulator;
  let client: ClientConfig;
  const trees: TempTree[] = [];

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
  });
  afterEach(() => {
    sim.reset();
    trees.splice(0).forEach((t) => t.remove());
  });
  after(() => sim.close());

  /** The demo app plus the given rules files. */
  function workspace(files: Record<string, string>): string {
    const tree = makeTree(files);
    trees.push(tree);
    cpSync(join(FIXTURE, 'src'), join(tree.root, 'src'), { recursive: true });
    return tree.root;
  }

  async function review(root: string, paths: string[], readRules = true): Promise<ReviewRecord> {
    const result = await reviewOnNode({ root, target: { kind: 'paths', paths }, client, readRules });
    assert.equal(result.kind, 'finished');
    return result.kind === 'finished' ? result.record : (undefined as never);
  }

  const expertSystems = (): SystemBlock[][] =>
    sim.log
      .filter((e) => !/<(?:synthesis|verification)-request>/.test(JSON.stringify(e.body?.['messages'])))
      .map((e) => e.body?.['system'] as SystemBlock[]);

  it("puts the rules before the code in every expert's system prompt; a rule that allows code keeps its finding out and is counted", async () => {
    const root = workspace({ 'REVIEW.md': `# Review rules\n\n- ${ALLOW_SQL}\n` });
    const record = await review(root, ['src']);

    const systems = expertSystems();
    assert.equal(systems.length, BUILTIN_EXPERTS.length);
    for (const system of systems) {
      assert.equal(system.length, 2, 'rules block, then code block');
      assert.match(
        system[0]!.text,
        /<project-rules>[\s\S]*<rules-file path="REVIEW.md">[\s\S]*String-built SQL in `src\/` is allowed/,
      );
      assert.match(system[1]!.text, /<file path="src\/userService.js"/);
    }
    assert.ok(!record.findings.some((f) => /SQL/.test(f.title)), 'the allowed SQL is not raised');
    assert.ok(
      record.findings.some((f) => /eval/.test(f.title)),
      'other findings still are',
    );
    assert.deepEqual(record.suppressedByRules, [{ file: 'REVIEW.md', count: 1 }]);
    assert.deepEqual(
      record.rules.files.map((f) => f.path),
      ['REVIEW.md'],
    );
    assert.ok(record.rules.files[0]!.tokens > 10);

    const markdown = findingsToMarkdown({
      title: record.title,
      date: '2026-01-01',
      targets: record.targets,
      findings: record.findings,
      expertResults: [],
      rules: record.rules,
      suppressedByRules: record.suppressedByRules,
    });
    assert.match(markdown, /## Project rules\n\n- `REVIEW.md` — about \d+ tokens; suppressed 1 finding\n/);
  });

  it('an untrusted workspace sends no rules: the finding is raised and the record says why', async () => {
    const root = workspace({ 'REVIEW.md': `- ${ALLOW_SQL}\n` });
    const record = await review(root, ['src'], false);
    assert.ok(expertSystems().every((s) => !JSON.stringify(s).includes('project-rules')));
    assert.ok(record.findings.some((f) => /SQL/.test(f.title)));
    assert.equal(record.rules.untrusted, true);
    assert.match(
      findingsToMarkdown({ title: 't', date: 'd', targets: [], findings: [], expertResults: [], rules: record.rules }),
      /Not read: the workspace is not trusted/,
    );
  });

  it('a second review of other code reads the rules from the cache', async () => {
    // Rules long enough to be cached on their own, as a team's REVIEW.md of a few pages would be.
    const root = workspace({ 'REVIEW.md': `- ${ALLOW_SQL}\n${bigContext('rule', 300)}` });
    await review(root, ['src/db.js']);
    const first = sim.log.length;
    await review(root, ['src/userService.js']);
    const second = sim.log.slice(first);
    const systems = expertSystems().slice(BUILTIN_EXPERTS.length);
    assert.equal(systems.length, BUILTIN_EXPERTS.length);
    assert.ok(
      systems.every((s) => s[0]!.cache_control && s.length === 2),
      'the rules block carries its own breakpoint in every expert request',
    );
    assert.ok(
      second[0]!.usage.cache_read_input_tokens > 0,
      'the first request of the second review already reads the cached rules',
    );
    assert.ok(second[0]!.usage.cache_creation_input_tokens > 0, 'and writes only the new code');
  });

  it('planCache marks the last shared block first, then earlier ones, within four breakpoints', () => {
    const rules = { type: 'text' as const, text: bigContext('rules') };
    const code = { type: 'text' as const, text: bigContext('code') };
    const plan = planCache({
      model: 'claude-sonnet-5-5',
      sharedSystem: [rules, code],
      cacheSharedSystem: true,
      messages: [{ role: 'user', content: 'q' }],
    });
    assert.equal(plan.breakpoints, 2);
    assert.ok(plan.system[0]!.cache_control && plan.system[1]!.cache_control);
    const small = planCache({
      model: 'claude-sonnet-5-5',
      sharedSystem: [{ type: 'text', text: 'short rules' }, code],
      cacheSharedSystem: true,
      messages: [{ role: 'user', content: 'q' }],
    });
    assert.equal(small.breakpoints, 1, 'a rules block below the cache minimum gets none');
    assert.ok(small.system[1]!.cache_control);
    assert.equal(rules.text.length > 0 && !('cache_control' in rules), true, "the caller's blocks are not modified");
  });

  it('reads suppressedByRules leniently', () => {
    assert.deepEqual(
      readSuppressedByRules([
        { file: 'REVIEW.md', count: 2 },
        { file: 'REVIEW.md', count: '1' },
        { file: 'x', count: -1 },
        'junk',
      ]),
      [{ file: 'REVIEW.md', count: 3 }],
    );
    assert.deepEqual(readSuppressedByRules(4), [{ file: '', count: 4 }]);
    assert.deepEqual(readSuppressedByRules({ 'CLAUDE.md': 1 }), [{ file: 'CLAUDE.md', count: 1 }]);
    assert.deepEqual(readSuppressedByRules(null), []);
    assert.deepEqual(readSuppressedByRules('many'), []);
    assert.equal(SYNTHESIS_ID, 'synthesis');
  });
});
