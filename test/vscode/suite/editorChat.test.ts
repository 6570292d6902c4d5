// Our reviewers as language-model tools and our Claude models in the chat's model picker, through
// the real `vscode.lm` API (agent mode itself needs a Copilot sign-in, which this machine lacks).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Simulator } from '../../support/simulator';
import { simulatorForExtension, until, workspaceUri } from './harness';

interface ToolFindingsJson {
  status: string;
  reviewed: string[];
  findings: Array<{ file: string; startLine: number; severity: string; title: string; experts: string[] }>;
  cost?: string;
}

const textOf = (result: vscode.LanguageModelToolResult): string =>
  result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');

/** The experts' and the synthesis's requests; verifiers (on by default for critical and high findings) apart. */
const expertRequests = (sim: Simulator) =>
  sim.log.filter(
    (e) =>
      e.body &&
      JSON.stringify(e.body).includes('"messages"') &&
      !JSON.stringify(e.body).includes('<verification-request>'),
  );

describe('extension host: the editor chat (tools, model picker)', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulatorForExtension();
  });
  afterEach(() => sim.reset());
  after(async () => {
    await vscode.workspace
      .getConfiguration('claudeMultiAgent')
      .update('baseUrl', undefined, vscode.ConfigurationTarget.Global);
    await sim.close();
  });

  it('lists both review tools in vscode.lm.tools with their input schemas', () => {
    const review = vscode.lm.tools.find((t) => t.name === 'claudeMultiAgent_review');
    const expert = vscode.lm.tools.find((t) => t.name === 'claudeMultiAgent_expertReview');
    assert.ok(review, `tools: ${vscode.lm.tools.map((t) => t.name).join(', ')}`);
    assert.ok(expert);
    assert.match(JSON.stringify(review.inputSchema), /"files"/);
    assert.deepEqual((expert.inputSchema as { required?: string[] }).required, ['expert']);
  });

  it('invoking the review tool runs the experts and returns structured findings, which also land in Problems', async () => {
    const uri = workspaceUri('src/userService.js');
    await vscode.commands.executeCommand('claudeMultiAgent.clearFindings');
    const result = await vscode.lm.invokeTool('claudeMultiAgent_review', {
      input: { files: ['src/userService.js'] },
      toolInvocationToken: undefined,
    });
    const out = JSON.parse(textOf(result)) as ToolFindingsJson;
    assert.equal(out.status, 'completed');
    assert.deepEqual(out.reviewed, ['src/userService.js']);
    assert.ok(
      out.findings.some((f) => f.file === 'src/userService.js' && f.startLine === 7),
      `SQL injection on line 7: ${JSON.stringify(out.findings)}`,
    );
    assert.match(out.cost ?? '', /estimated cost/);
    const lines = vscode.languages
      .getDiagnostics(uri)
      .filter((d) => d.source === 'Claude Multi-Agent')
      .map((d) => d.range.start.line + 1);
    assert.ok(lines.includes(7), `Problems: ${lines.join(',')}`);
  });

  it('the single-expert tool runs only the named expert (one request, no synthesis)', async () => {
    const result = await vscode.lm.invokeTool('claudeMultiAgent_expertReview', {
      input: { expert: 'Security', files: ['src/userService.js'] },
      toolInvocationToken: undefined,
    });
    const out = JSON.parse(textOf(result)) as ToolFindingsJson;
    assert.equal(out.status, 'completed');
    assert.equal(expertRequests(sim).length, 1);
    assert.ok(
      out.findings.length > 0 && out.findings.every((f) => f.experts.includes('Security')),
      JSON.stringify(out.findings),
    );
  });

  it('cancelling a tool invocation aborts every request it opened', async () => {
    sim.configure({ tokensPerSecond: 40, outputTokens: 4000 });
    try {
      const cts = new vscode.CancellationTokenSource();
      const pending = Promise.resolve(
        vscode.lm.invokeTool(
          'claudeMultiAgent_review',
          { input: { files: ['src/db.js'] }, toolInvocationToken: undefined },
          cts.token,
        ),
      ).then(
        (r) => textOf(r),
        (err: unknown) => String(err),
      );
      await until('experts streaming', () => sim.inFlight() >= 2 || undefined, 20_000);
      cts.cancel();
      await pending;
      await sim.waitForIdle(2000);
      assert.equal(sim.inFlight(), 0);
      assert.ok(sim.log.filter((e) => !e.completed).every((e) => e.aborted));
    } finally {
      sim.configure({ tokensPerSecond: 0, outputTokens: 60 });
    }
  });

  it('offers the models the key can use under our vendor, and a chat turn streams the simulator answer', async () => {
    const models = await until('our models in the picker', async () => {
      const found = await vscode.lm.selectChatModels({ vendor: 'claude-multi-agent' });
      return found.length ? found : undefined;
    });
    assert.ok(
      models.some((m) => m.id === 'claude-sonnet-5-5'),
      models.map((m) => m.id).join(', '),
    );
    const model = models.find((m) => m.id === 'claude-sonnet-5-5')!;
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Say hello')], {});
    let text = '';
    for await (const chunk of response.text) text += chunk;
    assert.ok(text.length > 0);
    const request = sim.log.at(-1)!;
    assert.equal(request.model, 'claude-sonnet-5-5');
    assert.match(JSON.stringify(request.body), /Say hello/);
  });
});
