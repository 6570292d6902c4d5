// The benchmark suite adapter (`npm run eval -- --suite DIR`): the suite format, the judge's one-to-one
// matching, its request over the simulator (real SDK, real HTTP), and the whole run over the shipped
// sample suite, where the simulator's rule-based judge stands in for a model.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEval } from '../../eval/evaluate';
import { JUDGE_SYSTEM, judgePullRequest, oneToOne } from '../../eval/judge';
import { loadSuite } from '../../eval/suite';
import { scorePullRequest } from '../../eval/suiteRun';
import { judgeMatches } from '../../support/judgeResponder';
import { startSimulator } from '../../support/simulator';

const SAMPLE = join(__dirname, '../../eval/suites/sample');
const finding = (title: string) => ({
  file: 'a.ts',
  startLine: 1,
  endLine: 1,
  severity: 'high',
  title,
  explanation: '',
});
const golden = [
  { text: 'SQL injection in search', severity: 'critical' as const },
  { text: 'No limit on results', severity: 'medium' as const },
];

describe('eval: benchmark suites', () => {
  it('reads the sample suite: pull requests with diffs and golden comments (text and severity, no lines)', async () => {
    const prs = await loadSuite(SAMPLE);
    assert.deepEqual(
      prs.map((p) => [p.id, p.comments.length]),
      [
        ['invoice-total', 1],
        ['order-search', 2],
        ['smtp-transport', 2],
      ],
    );
    assert.ok(prs.every((p) => p.diffText.startsWith('diff --git') && p.title));
  });

  it('refuses a suite it cannot read, naming the file and what is wrong', async () => {
    const dir = await fsp.mkdtemp(join(tmpdir(), 'cma-suite-'));
    try {
      await assert.rejects(loadSuite(join(dir, 'nowhere')), /--suite .*nowhere: no such folder/);
      await assert.rejects(loadSuite(dir), /no pull request folders/);
      await fsp.mkdir(join(dir, 'pr-1'));
      await fsp.writeFile(
        join(dir, 'pr-1', 'pr.json'),
        JSON.stringify({ comments: [{ text: 'x', severity: 'urgent' }] }),
      );
      await assert.rejects(loadSuite(dir), /pr-1[/\\]pr\.diff: missing/);
      await fsp.writeFile(join(dir, 'pr-1', 'pr.diff'), 'diff --git a/x b/x\n');
      await assert.rejects(
        loadSuite(dir),
        /pr-1[/\\]pr\.json: a comment's severity is one of critical, high, medium, low, info, not "urgent"/,
      );
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('makes the judge’s pairs one-to-one: a golden comment once, a finding once, nothing out of range', () => {
    const input = {
      matches: [
        { golden: 1, finding: 2 },
        { golden: 1, finding: 1 }, // golden 1 again
        { golden: 2, finding: 2 }, // finding 2 again
        { golden: 3, finding: 1 }, // no golden 3
        { golden: 2, finding: 1.5 },
        { golden: 2, finding: 1 },
      ],
    };
    assert.deepEqual(oneToOne(input, 2, 2), [
      { golden: 0, finding: 1 },
      { golden: 1, finding: 0 },
    ]);
    assert.deepEqual(oneToOne({ matches: 'none' }, 2, 2), []);
    assert.deepEqual(scorePullRequest(2, 4, oneToOne(input, 2, 2)), {
      findings: 4,
      expected: 2,
      found: 2,
      falsePositives: 2,
      cleanFalsePositives: 0,
      precision: 0.5,
      recall: 1,
      f1: 2 / 3,
    });
  });

  it('asks the judge once through a forced tool call and keeps its answer one-to-one', async () => {
    const sim = await startSimulator({
      apiKey: 'k',
      timeToFirstTokenMs: 1,
      tokensPerSecond: 0,
      responder: () => ({
        text: '',
        toolUses: [
          {
            name: 'record_matches',
            input: {
              matches: [
                { golden: 1, finding: 1 },
                { golden: 2, finding: 1 },
              ],
            },
          },
        ],
      }),
    });
    try {
      const client = { apiKey: 'k', baseURL: sim.url };
      const verdict = await judgePullRequest(client, 'claude-haiku-4-5', 'Search', golden, [finding('SQL injection')]);
      assert.deepEqual(verdict?.matches, [{ golden: 0, finding: 0 }]);
      assert.ok(verdict!.cost.usd! > 0);
      assert.equal(sim.log.length, 1);
      const body = sim.log[0]!.body!;
      assert.deepEqual(body['tool_choice'], { type: 'any' });
      assert.match(JSON.stringify(body['system']), /You judge a code review/);
      assert.match(JSON.stringify(body['messages']), /G2.*No limit on results[\s\S]*F1/);
      // No findings: nothing can match, and nothing is asked.
      assert.equal(await judgePullRequest(client, 'claude-haiku-4-5', 'Search', golden, []), undefined);
      assert.equal(sim.log.length, 1);
    } finally {
      await sim.close();
    }
  });

  it('says so when the judge answers without its tool', async () => {
    const sim = await startSimulator({
      apiKey: 'k',
      timeToFirstTokenMs: 1,
      tokensPerSecond: 0,
      responder: () => 'They match.',
    });
    try {
      await assert.rejects(
        judgePullRequest({ apiKey: 'k', baseURL: sim.url }, 'claude-haiku-4-5', 'S', golden, [finding('x')]),
        /the judge answered without calling record_matches/,
      );
    } finally {
      await sim.close();
    }
  });

  it('the simulator’s judge pairs comments and findings that share the words naming the problem', () => {
    const prompt = [
      JUDGE_SYSTEM,
      '<golden-comments>',
      JSON.stringify([{ text: 'Hard-coded SMTP password in source' }, { text: 'Wrong auth option name' }]),
      '</golden-comments>',
      '<review-findings>',
      JSON.stringify([{ title: 'Hard-coded password', explanation: 'A password literal in source code' }]),
      '</review-findings>',
    ].join('\n');
    assert.deepEqual(
      judgeMatches(prompt).map((m) => [m.golden, m.finding]),
      [[1, 1]],
    );
  });

  it('runs the sample suite end to end over the simulator and says the figures mean nothing without a key', async () => {
    const lines: string[] = [];
    await runEval(['--suite', SAMPLE, '--parallel', '3'], {}, (l) => lines.push(l));
    const out = lines.join('\n');
    assert.match(out, /^Suite sample: 3 pull requests, 5 golden comments; one judge request per pull request\.$/m);
    assert.match(out, /No ANTHROPIC_API_KEY: running against the local simulator, not the real API/);
    assert.match(out, /mean NOTHING about model quality/);
    assert.match(
      out,
      /^ {2}invoice-total: 1\/1 golden matched · 1 findings shown · precision 100% · recall 100% · F1 1\.00/m,
    );
    assert.match(out, /^ {2}order-search: 1\/2 golden matched/m);
    assert.match(
      out,
      /^Suite sample \(3 pull requests\): 3\/5 golden matched · 3 findings shown · precision 100% · recall 60% · F1 0\.75$/m,
    );
    assert.match(out, /^Cost: reviews \$\d\.\d{4} \+ judge \$\d\.\d{4} = \$\d\.\d{4} \(\$\d\.\d{4} a pull request\)$/m);
  });

  it('refuses --suite with the corpus options', async () => {
    await assert.rejects(
      runEval(['--suite', SAMPLE, '--only', 'lib'], {}, () => {}),
      /--suite does not go with/,
    );
  });
});
