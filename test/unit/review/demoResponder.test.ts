import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gatherContext } from '../../../src/review/context/gatherContext';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import type { GatheredContext } from '../../../src/review/context/types';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { parseExpertFindings, parseSynthesisFindings } from '../../../src/review/findings/parseFindings';
import { EXPERT_FINDINGS_SCHEMA, SYNTHESIS_SCHEMA } from '../../../src/review/findings/schemas';
import type { ExpertResult } from '../../../src/review/findings/types';
import { expertPrompt, synthesisPrompt } from '../../../src/review/prompts';
import { buildPlanRequest, parsePlan } from '../../../src/delegate/plan';
import { integrationPrompt, subtaskPrompt } from '../../../src/delegate/prompts';
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer } from '../../../src/webview/lib/markdown';
import demoResponderDefault, {
  demoResponder,
  readPlannerPrompt,
  XSS_PROBE_MARKER,
  XSS_PROBE_REPLY,
} from '../../support/demoResponder';
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
    context = await gatherContext({
      fs: nodeWorkspaceFs,
      workspaceRoot: FIXTURE,
      target: { kind: 'paths', paths: ['src'] },
      budgetTokens: 20_000,
    });
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
      results.push({
        expertId: expert.id,
        expertName: expert.name,
        summary: parsed.summary,
        findings: parsed.findings,
        rawText: text,
      });
    });
  }

  it('suggests the trivial fix for the off-by-one', () => {
    const correctness = BUILTIN_EXPERTS.find((e) => e.id === 'correctness')!;
    const parsed = parseExpertFindings(
      replyText(demoResponder(request(context.systemText, expertPrompt(correctness), null))),
      {
        expertName: 'Correctness',
        knownFiles: context.files,
      },
    );
    assert.deepEqual(parsed.findings[0]!.suggestedFix, {
      replacement: '  for (let i = 0; i < values.length; i++) {',
      startLine: 17,
      endLine: 17,
    });
  });

  it("merges the experts' findings for a synthesis request", () => {
    assert.equal(results.length, 4, 'expert tests ran first');
    const text = replyText(demoResponder(request(context.systemText, synthesisPrompt(results), SYNTHESIS_SCHEMA)));
    const parsed = parseSynthesisFindings(text, {
      knownFiles: context.files,
      expertNames: results.map((r) => r.expertName),
    });
    assert.deepEqual(parsed.dropped, []);
    assert.equal(parsed.findings.length, 7);
    assert.equal(parsed.findings[0]!.severity, 'critical');
    assert.deepEqual(parsed.findings[0]!.experts, ['Security']);
    assert.ok(parsed.findings.find((f) => f.startLine === 17)?.suggestedFix);
  });

  describe('delegation planner', () => {
    const TASK = 'Add input validation and error messages to ordersFor';
    const plannerRequest = (maxSubtasks: number, contextText?: string): SimRequest => {
      const plan = buildPlanRequest({
        task: TASK,
        maxSubtasks,
        model: 'claude-sonnet-5-5',
        ...(contextText && { contextText }),
      });
      const body = {
        model: 'claude-sonnet-5-5',
        max_tokens: 4096,
        stream: true,
        system: plan.system,
        messages: [{ role: 'user', content: [{ type: 'text', text: plan.prompt }] }],
        output_config: { format: plan.outputFormat },
      };
      return { ...body, body, headers: {} } as SimRequest;
    };

    it('recognises the planner prompt and reads its task and limit', () => {
      const plan = buildPlanRequest({ task: `  ${TASK}\n`, maxSubtasks: 10, model: 'claude-sonnet-5-5' });
      assert.deepEqual(readPlannerPrompt(plan.prompt), { task: TASK, maxSubtasks: 10 });
      assert.equal(readPlannerPrompt('What does this code do?'), undefined);
    });

    it('answers with three independent subtasks the extension accepts as a plan', () => {
      for (const contextText of [undefined, context.systemText]) {
        const text = replyText(demoResponder(plannerRequest(10, contextText)));
        const parsed = parsePlan(text, 10);
        assert.equal(parsed.error, undefined);
        assert.deepEqual(parsed.notes, []);
        assert.deepEqual(
          parsed.subtasks.map((s) => s.id),
          ['subtask-1', 'subtask-2', 'subtask-3'],
        );
        assert.equal(new Set(parsed.subtasks.map((s) => s.title)).size, 3, 'unique titles');
        for (const s of parsed.subtasks) {
          assert.ok(s.title.split(' ').length <= 6, `short title: ${s.title}`);
          assert.ok(s.instructions.includes(TASK), 'self-contained instructions repeat the task');
        }
      }
    });

    it("keeps to the planner prompt's limit", () => {
      const parsed = parsePlan(replyText(demoResponder(plannerRequest(2))), 2);
      assert.equal(parsed.subtasks.length, 2);
      assert.deepEqual(parsed.notes, []);
    });

    it('leaves subtask and integration requests to the simulator default', () => {
      const subtask = { id: 'subtask-1', title: 'Implement the change', instructions: 'Write the code.' };
      assert.equal(demoResponder(request(context.systemText, subtaskPrompt(TASK, subtask, 0, 3), null)), undefined);
      assert.equal(
        demoResponder(request(context.systemText, integrationPrompt(TASK, [{ subtask, text: 'done' }], []), null)),
        undefined,
      );
    });
  });

  describe('XSS probe', () => {
    it('answers a question containing the marker with the probe, anything else is left alone', () => {
      assert.equal(
        replyText(demoResponder(request('', `Please render ${XSS_PROBE_MARKER} now`, null))),
        XSS_PROBE_REPLY,
      );
      assert.equal(demoResponder(request('', 'Please render XSS PROBE now', null)), undefined);
    });

    it("carries the usual payloads, which the webviews' Markdown renderer neutralises", () => {
      for (const payload of [
        '<script>',
        'onerror=',
        '<iframe',
        'href="javascript:',
        '](javascript:',
        'ontoggle=',
        '<svg onload=',
      ]) {
        assert.ok(XSS_PROBE_REPLY.includes(payload), `probe carries ${payload}`);
      }
      const dom = new JSDOM('<!DOCTYPE html><body></body>');
      const target = dom.window.document.body;
      createMarkdownRenderer(dom.window as unknown as Window).renderInto(target, XSS_PROBE_REPLY);
      assert.equal(target.querySelectorAll('script, iframe, img, svg, details').length, 0);
      assert.equal(
        [...target.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
        0,
      );
      assert.ok(
        [...target.querySelectorAll('a')].every((a) => !/^\s*(javascript|data):/i.test(a.getAttribute('href') ?? '')),
      );
      assert.match(target.textContent ?? '', /<script>window\.__xss = "script"/, 'raw HTML is shown as text');
    });
  });

  it('leaves other requests to the simulator default and is the default export', () => {
    assert.equal(demoResponder(request(context.systemText, 'What does this code do?', null)), undefined);
    assert.equal(demoResponderDefault, demoResponder);
  });
});
