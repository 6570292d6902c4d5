// Confidence and kind in the structured output, the synthesis as a judge (agreement, re-scored
// confidence), the local merge's combined confidence, and the minimum confidence through the pipeline.
import assert from 'node:assert/strict';
import type { ClientConfig } from '../../../src/core';
import { nodeWorkspaceFs } from '../../../src/node';
import {
  BUILTIN_EXPERTS,
  combinedConfidence,
  fallbackMerge,
  parseExpertFindings,
  parseSynthesisFindings,
  readSynthesisPromptInput,
  runReviewPipeline,
  synthesisPrompt,
  type ExpertResult,
  type Finding,
  type ReviewPipelineInput,
} from '../../../src/review';
import { parseExpertPromptHeader } from '../../../src/review/prompts';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator, type Simulator } from '../../support/simulator';
import type { Responder, SimRequest } from '../../support/simulator/types';
import { makeTree, type TempTree } from './tempTree';

const known = [{ path: 'src/db.js', startLine: 1, endLine: 200 }];
const raw = (over: Record<string, unknown> = {}) => ({
  file: 'src/db.js',
  startLine: 2,
  endLine: 2,
  severity: 'high',
  title: 'SQL injection',
  explanation: 'x',
  suggestedFix: null,
  ...over,
});
const expertFinding = (expert: string, over: Partial<Finding> = {}): Finding => ({
  id: `${expert}-1`,
  file: 'src/db.js',
  startLine: 2,
  endLine: 2,
  severity: 'high',
  title: 'SQL injection in findUser',
  explanation: `${expert} says so.`,
  experts: [expert],
  ...over,
});

describe('findings: confidence and kind in the structured output', () => {
  it('reads confidence as an integer 0-100 and kind as a short lower-case slug', () => {
    const parse = (over: Record<string, unknown>) =>
      parseExpertFindings(JSON.stringify({ summary: '', findings: [raw(over)] }), {
        expertName: 'Security',
        knownFiles: known,
      }).findings[0]!;
    assert.equal(parse({ confidence: 85 }).confidence, 85);
    assert.equal(parse({ confidence: 72.6 }).confidence, 73);
    assert.equal(parse({ confidence: '64' }).confidence, 64);
    assert.equal(parse({ confidence: 150 }).confidence, 100, 'clamped: the schema cannot hold a maximum');
    assert.equal(parse({ confidence: -5 }).confidence, 0);
    assert.equal(parse({ confidence: 'high' }).confidence, undefined);
    assert.equal(parse({ confidence: null }).confidence, undefined);
    assert.equal(parse({ kind: 'SQL Injection' }).kind, 'sql-injection');
    assert.equal(parse({ kind: '  Off-by-one!  ' }).kind, 'off-by-one');
    assert.equal(parse({ kind: '' }).kind, undefined);
    assert.ok((parse({ kind: 'x'.repeat(80) }).kind ?? '').length <= 40);
  });

  it("the synthesis carries agreement (known experts credited) and the judge's confidence", () => {
    const text = JSON.stringify({
      summary: 's',
      findings: [
        raw({ experts: ['Security', 'correctness', 'Nobody'], confidence: 92, kind: 'sql-injection' }),
        raw({ startLine: 5, endLine: 5, title: 'Other', experts: [], confidence: 30 }),
      ],
    });
    const parsed = parseSynthesisFindings(text, { knownFiles: known, expertNames: ['Security', 'Correctness'] });
    assert.deepEqual(
      parsed.findings.map((f) => [f.experts, f.agreement, f.confidence, f.kind]),
      [
        [['Security', 'Correctness'], 2, 92, 'sql-injection'],
        [[], undefined, 30, undefined],
      ],
    );
  });

  it('the local merge counts agreement and combines confidences as independent votes', () => {
    const results: ExpertResult[] = [
      {
        expertId: 'security',
        expertName: 'Security',
        summary: '',
        rawText: '',
        findings: [expertFinding('Security', { confidence: 60, kind: 'sql-injection' })],
      },
      {
        expertId: 'correctness',
        expertName: 'Correctness',
        summary: '',
        rawText: '',
        findings: [expertFinding('Correctness', { confidence: 70 })],
      },
      {
        expertId: 'performance',
        expertName: 'Performance',
        summary: '',
        rawText: '',
        findings: [expertFinding('Performance', { startLine: 40, endLine: 40, title: 'Slow', confidence: 55 })],
      },
    ];
    const merged = fallbackMerge(results).findings;
    const sql = merged.find((f) => f.startLine === 2)!;
    assert.equal(sql.agreement, 2);
    assert.equal(sql.confidence, 88, '1 - 0.4 × 0.3');
    assert.equal(sql.kind, 'sql-injection');
    const slow = merged.find((f) => f.startLine === 40)!;
    assert.deepEqual([slow.agreement, slow.confidence], [1, 55], 'alone, a finding keeps its own score');
    assert.equal(
      combinedConfidence([expertFinding('A'), expertFinding('B')]),
      undefined,
      'nothing scored, nothing invented',
    );
    assert.equal(
      combinedConfidence([expertFinding('A', { confidence: 50 }), expertFinding('A', { confidence: 80 })]),
      80,
      'one expert counts once',
    );
  });

  it("the judge sees every expert's kind and confidence", () => {
    const prompt = synthesisPrompt([
      {
        expertId: 'security',
        expertName: 'Security',
        summary: '',
        rawText: '',
        findings: [expertFinding('Security', { confidence: 61, kind: 'sql-injection' })],
      },
    ]);
    assert.match(prompt, /judge/i);
    assert.match(prompt, /Re-score confidence/);
    const input = readSynthesisPromptInput(prompt);
    assert.equal(input?.[0]?.findings?.[0]?.confidence, 61);
    assert.equal(input?.[0]?.findings?.[0]?.kind, 'sql-injection');
  });
});

/** Two experts raise the same injection (60 and 70); the judge merges it, credits both and scores it 93, and scores a lone hunch 35. */
function judgeResponder(prompts: string[]): Responder {
  return (req: SimRequest) => {
    const last = req.messages.at(-1) as { content: string | Array<{ text?: string }> };
    const text = typeof last.content === 'string' ? last.content : last.content.map((b) => b.text ?? '').join('\n');
    prompts.push(text);
    const expert = parseExpertPromptHeader(text);
    if (expert?.id === 'security')
      return JSON.stringify({
        summary: 's',
        findings: [raw({ kind: 'sql-injection', confidence: 60 })],
        suppressedByRules: null,
      });
    if (expert?.id === 'correctness')
      return JSON.stringify({
        summary: 'c',
        findings: [
          raw({ title: 'SQL injection via string concatenation', confidence: 70, kind: 'injection' }),
          raw({ startLine: 4, endLine: 4, title: 'Maybe racy', confidence: 45, severity: 'medium' }),
        ],
        suppressedByRules: null,
      });
    if (expert) return JSON.stringify({ summary: 'nothing', findings: [], suppressedByRules: null });
    if (text.includes('<synthesis-request>')) {
      return JSON.stringify({
        summary: 'Judged.',
        findings: [
          raw({ experts: ['Security', 'Correctness'], confidence: 93, kind: 'sql-injection' }),
          raw({
            startLine: 4,
            endLine: 4,
            title: 'Maybe racy',
            severity: 'medium',
            experts: ['Correctness'],
            confidence: 35,
            kind: 'race',
          }),
        ],
      });
    }
    return undefined;
  };
}

describe('review: the synthesis as a judge, through the pipeline', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let tree: TempTree;
  const prompts: string[] = [];

  before(async () => {
    const code = [
      'function findUser(db, id) {',
      '  return db.query("SELECT * FROM users WHERE id = " + id);',
      '}',
      'let shared = 0;',
      ...Array.from({ length: 150 }, (_, i) => `// padding ${i} for the cache minimum`),
    ].join('\n');
    tree = makeTree({ 'src/db.js': code });
    sim = await startSimulator({
      apiKey: KEY,
      responder: judgeResponder(prompts),
      timeToFirstTokenMs: 5,
      tokensPerSecond: 0,
    });
    client = { apiKey: KEY, baseURL: sim.url };
  });
  afterEach(() => {
    sim.reset();
    prompts.length = 0;
  });
  after(async () => {
    await sim.close();
    tree.remove();
  });

  const input = (over: Partial<ReviewPipelineInput['settings']>): ReviewPipelineInput => ({
    target: { kind: 'paths', paths: ['src'] },
    title: 'src',
    files: { fs: nodeWorkspaceFs, root: tree.root },
    experts: { load: () => Promise.resolve({ experts: [...BUILTIN_EXPERTS], problems: [] }) },
    access: () => Promise.resolve(client),
    settings: {
      model: 'claude-sonnet-5-5',
      maxTokens: 4096,
      maxConcurrency: 5,
      contextTokenBudget: 60_000,
      exclude: [],
      synthesis: true,
      fanOutStrategy: 'cacheAware',
      ...over,
    },
    onEvent: () => {},
    store: { save: () => Promise.resolve() },
  });

  it("merges the duplicate, records agreement, takes the judge's score, and hides what it scores below the minimum", async () => {
    const result = await runReviewPipeline(input({ minConfidence: 70 }));
    assert.ok(result.kind === 'finished');
    assert.equal(result.outcome.synthesis.status, 'done');
    const [sql] = result.record.findings;
    assert.equal(result.record.findings.length, 1);
    assert.deepEqual(
      [sql!.agreement, sql!.confidence, sql!.kind, sql!.experts],
      [2, 93, 'sql-injection', ['Security', 'Correctness']],
    );
    assert.deepEqual(
      result.record.hidden?.map((h) => [h.finding.title, h.reason, h.finding.confidence]),
      [['Maybe racy', 'lowConfidence', 35]],
    );
    const judged = prompts.find((p) => p.includes('<synthesis-request>'));
    assert.ok(
      judged?.includes('"confidence": 60') && judged.includes('"confidence": 70'),
      "the judge saw the experts' scores",
    );
  });

  it('without synthesis the local merge still merges the duplicate and counts both experts', async () => {
    const result = await runReviewPipeline(input({ synthesis: false, minConfidence: 70 }));
    assert.ok(result.kind === 'finished');
    const sql = result.record.findings.find((f) => f.startLine === 2)!;
    assert.deepEqual([sql.agreement, sql.confidence], [2, 88]);
    assert.deepEqual(
      result.record.hidden?.map((h) => h.reason),
      ['lowConfidence'],
      'the lone 45 stays hidden',
    );
  });

  it('no minimum shows everything', async () => {
    const result = await runReviewPipeline(input({}));
    assert.ok(result.kind === 'finished');
    assert.equal(result.record.findings.length, 2);
    assert.equal(result.record.hidden, undefined);
  });
});

const KEY = fakeKey('judge');
