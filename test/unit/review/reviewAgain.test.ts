// Reviewing the same code again, through the real pipeline and SDK against the simulator: lines moved
// by an edit keep their findings' ids, a dismissed finding stays hidden, and the record says which
// findings are still open and which are gone (fixed).
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientConfig } from '../../../src/core';
import { nodeWorkspaceFs } from '../../../src/node';
import {
  BUILTIN_EXPERTS,
  DEFAULT_REVIEW_SETTINGS,
  runReviewPipeline,
  type Finding,
  type ReviewPipelineInput,
  type ReviewRecord,
} from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';

const FIXTURE = join(__dirname, '../../fixtures/review/demo-app/src/userService.js');
const KEY = fakeKey('rereview');

describe('review: re-reviewing the same code', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let root: string;

  before(async () => {
    sim = await startSimulator({ apiKey: KEY, responder: demoResponder, timeToFirstTokenMs: 5, tokensPerSecond: 0 });
    client = { apiKey: KEY, baseURL: sim.url };
  });
  beforeEach(async () => {
    root = await fsp.mkdtemp(join(tmpdir(), 'cma-rereview-'));
    await fsp.writeFile(join(root, 'userService.js'), await fsp.readFile(FIXTURE, 'utf8'));
  });
  afterEach(() => sim.reset());
  after(() => sim.close());

  const review = async (extra: Partial<ReviewPipelineInput> = {}): Promise<ReviewRecord> => {
    const result = await runReviewPipeline({
      target: { kind: 'paths', paths: ['userService.js'] },
      title: 'userService.js',
      files: { fs: nodeWorkspaceFs, root },
      experts: { load: () => Promise.resolve({ experts: BUILTIN_EXPERTS.slice(0, 2), problems: [] }) },
      access: () => Promise.resolve(client),
      settings: { ...DEFAULT_REVIEW_SETTINGS, synthesis: false },
      onEvent: () => {},
      store: { save: () => Promise.resolve() },
      ...extra,
    });
    assert.equal(result.kind, 'finished');
    return (result as { record: ReviewRecord }).record;
  };
  const sqlOf = (findings: readonly Finding[]): Finding => {
    const sql = findings.find((f) => /SQL/.test(f.title));
    assert.ok(sql, 'the SQL finding is raised');
    return sql;
  };

  it('keeps ids across moved lines, hides the dismissed finding, and marks open, new and fixed', async () => {
    const first = await review();
    const sql = sqlOf(first.findings);
    const evalFinding = first.findings.find((f) => /eval/i.test(f.title) && f.startLine === 12);
    assert.ok(evalFinding, 'the eval finding is raised on line 12');
    assert.equal(first.gone, undefined, 'a first review has nothing to compare with');

    // Two lines inserted at the top move everything down; the eval function is removed (fixed).
    const text = await fsp.readFile(join(root, 'userService.js'), 'utf8');
    await fsp.writeFile(
      join(root, 'userService.js'),
      `// edited\n// again\n${text.replace(/export function runFormula[^}]*}\n/, '')}`,
    );

    const second = await review({
      dismissed: { ids: () => Promise.resolve(new Set([sql.id])) },
      previous: { findings: ({ title }) => Promise.resolve(title === first.title ? first.findings : undefined) },
    });
    assert.ok(!second.findings.some((f) => f.id === sql.id), 'the dismissed finding is not shown');
    const hidden = second.hidden?.find((h) => h.finding.id === sql.id);
    assert.equal(hidden?.reason, 'dismissed');
    assert.equal(hidden.finding.startLine, sql.startLine + 2, 'it moved down two lines and kept its id');

    const stillOpen = first.findings.filter((f) => f.id !== sql.id && f.id !== evalFinding.id);
    assert.ok(stillOpen.length > 0);
    assert.ok((second.open ?? []).length > 0, 'findings on moved lines are still open, not new');
    assert.deepEqual(
      [...(second.open ?? [])].sort(),
      stillOpen
        .map((f) => f.id)
        .filter((id) => second.findings.some((f) => f.id === id))
        .sort(),
    );
    assert.deepEqual(
      second.gone?.map((f) => f.id),
      first.findings.filter((f) => !second.findings.some((s) => s.id === f.id) && f.id !== sql.id).map((f) => f.id),
    );
    assert.ok(
      second.gone?.some((f) => f.id === evalFinding.id),
      'the removed eval call is gone (fixed)',
    );
  });
});
