import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gatherContext } from '../../../src/review/context/gatherContext';
import { nodeWorkspaceFs } from '../../../src/review/context/nodeWorkspaceFs';
import type { GatheredContext } from '../../../src/review/context/types';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { parseExpertFindings, parseSynthesisFindings } from '../../../src/review/findings/parseFindings';
import { EXPERT_FINDINGS_SCHEMA, SYNTHESIS_SCHEMA } from '../../../src/review/findings/schemas';
import type { ExpertResult } from '../../../src/review/findings/types';
import { expertPrompt, synthesisPrompt } from '../../../src/review/prompts';
import demoResponderDefault, { demoResponder } from '../../support/demoResponder';
import type { SimRequest } from '../../support/simulator/types';

const FIXTURE = join(__dirname, '../../fixtures/review/demo-app');
const FILE = 'src/userService.js';

function request(system: string, userText: string, schema: unknown): SimRequest {
  const body = {
    model: 'claude-sonnet-5-5',
    max_tokens: 4096,
    stream: true,
    system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
    messages: [{ role: 'user', content: [{ type: 'text', text: userText }] }],
    output_config: { format: { type: 'json_schema', schema } },
  };
  return { ...body, body, headers: {} };
}

function replyText(reply: ReturnType<typeof demoResponder>): string {
  assert.ok(reply !== undefined, 'the responder answered');
  return typeof reply === 'string' ? reply : reply.text;
}

describe('demo responder', () => {
  let context: GatheredContext;
  before(async () => {
    context = await gatherContext({ fs: nodeWorkspaceFs, workspaceRoot: FIXTURE, target: { kind: 'paths', paths: ['src'] }, budgetTokens: 20_000 });
  });

  const expected: Record<string, Array<[number, number, string]>> = {
    security: [
      [4, 4, 'Hard-coded password'],
      [7, 7, 'SQL query built by string concatenation'],
      [12, 12, 'eval of a caller-supplied string'],
    ],
    performance: [[25, 26, 'Nested loop over the same data (quadratic)']],
    correctness: [[17, 17, 'Off-by-one: loop runs one past the end']],
    maintainability: [
      [33, 33, 'Unresolved TODO'],
      [34, 63, 'Long function (30 lines)'],
    ],
  };

  const results: ExpertResult[] = [];
  for (const expert of BUILTIN_EXPERTS) {
    it(`${expert.name}: findings land on the fixture's known lines`, () => {
      const text = replyText(demoResponder(request(context.systemText, expertPrompt(expert), EXPERT_FINDINGS_SCHEMA)));
      const parsed = parseExpertFindings(text, { expertName: expert.name, knownFiles: context.files });
      assert.deepEqual(parsed.dropped, []);
      const got = parsed.findings
        .map((f): [number, number, string] => [f.startLine, f.endLine, f.title])
        .sort((a, b) => a[0] - b[0]);
      assert.deepEqual(got, expected[expert.id]);
      assert.ok(parsed.findings.every((f) => f.file === FILE));
      results.push({ expertId: expert.id, expertName: expert.name, summary: parsed.summary, findings: parsed.findings, rawText: text });
    });
  }

  it('suggests the trivial fix for the off-by-one', () => {
    const correctness = BUILTIN_EXPERTS.find((e) => e.id === 'correctness')!;
    const parsed = parseExpertFindings(replyText(demoResponder(request(context.systemText, expertPrompt(correctness), null))), {
      expertName: 'Correctness',
      knownFiles: context.files,
    });
    assert.deepEqual(parsed.findings[0]!.suggestedFix, {
      replacement: '  for (let i = 0; i < values.length; i++) {',
      startLine: 17,
      endLine: 17,
    });
  });

  it('merges the experts\' findings for a synthesis request', () => {
    assert.equal(results.length, 4, 'expert tests ran first');
    const text = replyText(demoResponder(request(context.systemText, synthesisPrompt(results), SYNTHESIS_SCHEMA)));
    const parsed = parseSynthesisFindings(text, { knownFiles: context.files, expertNames: results.map((r) => r.expertName) });
    assert.deepEqual(parsed.dropped, []);
    assert.equal(parsed.findings.length, 7);
    assert.equal(parsed.findings[0]!.severity, 'critical');
    assert.deepEqual(parsed.findings[0]!.experts, ['Security']);
    assert.ok(parsed.findings.find((f) => f.startLine === 17)?.suggestedFix);
  });

  it('leaves other requests to the simulator default and is the default export', () => {
    assert.equal(demoResponder(request(context.systemText, 'What does this code do?', null)), undefined);
    assert.equal(demoResponderDefault, demoResponder);
  });
});
