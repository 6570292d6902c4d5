// The responder `npm start` uses: chat and delegation answers must read like answers about the code
// that was sent, not the simulator's echo of the prompt.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildChatSystem } from '../../../src/chat/chatSystem';
import { gatherFileContext } from '../../../src/chat/fileContext';
import { integrationPrompt, subtaskPrompt } from '../../../src/delegate/prompts';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { plausibleResponder } from '../../support/plausibleResponder';
import type { SimRequest } from '../../support/simulator/types';

const SAMPLE = join(__dirname, '../../e2e/fixtures/sample-workspace');
const FILE = 'src/orders.ts';

function request(system: string, userText: string): SimRequest {
  const body = {
    model: 'claude-sonnet-5-5',
    max_tokens: 1024,
    stream: true,
    system: [{ type: 'text', text: system }],
    messages: [{ role: 'user', content: [{ type: 'text', text: userText }] }],
  };
  return { ...body, body, headers: {} };
}

function text(reply: ReturnType<typeof plausibleResponder>): string {
  assert.ok(reply !== undefined);
  return typeof reply === 'string' ? reply : reply.text;
}

describe('plausible responder (npm start)', () => {
  let system: string;
  before(async () => {
    const file = await gatherFileContext({
      path: FILE,
      filePath: join(SAMPLE, FILE),
      text: readFileSync(join(SAMPLE, FILE), 'utf8'),
      workspaceRoot: SAMPLE,
      budgetTokens: 20_000,
      fs: nodeWorkspaceFs,
    });
    system = buildChatSystem({ file });
  });

  it('answers a follow-up on a quoted finding with its explanation and the fixed line', () => {
    const reply = text(
      plausibleResponder(
        request(
          system,
          '> **Off-by-one: loop runs one past the end** (line 56)\n\nWhy is this a problem here, and how should I fix it?',
        ),
      ),
    );
    assert.match(reply, /Off-by-one/);
    assert.match(reply, /i < orders\.length/, 'the fix is shown');
    assert.doesNotMatch(reply, /lorem|Simulated reply/i);
  });

  it("answers a general question with the file's functions and its worst finding", () => {
    const reply = text(plausibleResponder(request(system, 'What should I worry about in this file?')));
    assert.match(reply, /`ordersFor` \(line \d+\)/);
    assert.match(reply, /sql query built by string concatenation/i);
    assert.doesNotMatch(reply, /lorem|What should I worry/i, 'no echo of the prompt');
  });

  it('gives subtasks and the integration answers about the task and the code', () => {
    const subtask = { id: 'subtask-1', title: 'Map the affected code', instructions: 'List the functions involved.' };
    const part = text(
      plausibleResponder(request(system, subtaskPrompt('Add paging to the orders table', subtask, 0, 3))),
    );
    assert.match(part, /### Map the affected code \(part 1 of 3\)/);
    assert.match(part, /`src\/orders\.ts` line \d+: `ordersFor`/);
    const whole = text(
      plausibleResponder(
        request(system, integrationPrompt('Add paging to the orders table', [{ subtask, text: part }], [])),
      ),
    );
    assert.match(whole, /Integrated result[\s\S]*Map the affected code/);
    for (const reply of [part, whole]) assert.doesNotMatch(reply, /lorem|<your-subtask|<subtask-result/i);
  });
});
