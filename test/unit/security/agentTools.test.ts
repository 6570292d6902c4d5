// The delegation's sub-agents read the workspace through tools. Every read passes the content policy:
// a path outside the workspace, a secret file, an ignored file, a link out of the workspace or a file
// with secret content is answered with an is_error tool result the model reads, and none of that text
// is ever sent. Tested over the real SDK and a real tool loop against the simulator.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runAgent, type ClientConfig } from '../../../src/core';
import { openAgentWorkspace, ProposalCollector, workspaceTools } from '../../../src/delegate';
import { nodeWorkspaceFs } from '../../../src/node';
import { latestToolResults, turnNumber, type SimToolUse, type Simulator } from '../../support/simulator';
import { withSimulator } from '../core/helpers';
import { fakeSecrets } from '../review/tempTree';
import { makeWorkspace, type Workspace } from './hostile';

const MODEL = 'claude-sonnet-5-5';
const PASSWD = 'root:x:0:0:root:/root:/bin/bash';

describe('security: sub-agent tools read only through the content policy', () => {
  let sim: Simulator;
  let client: ClientConfig;
  let ws: Workspace;
  before(async () => ({ sim, client } = await withSimulator()));
  beforeEach(() => {
    ws = makeWorkspace();
    ws.writeOutside('etc/passwd', `${PASSWD}\n`);
    ws.write('.env', `ANTHROPIC_API_KEY=${fakeSecrets.anthropic}\n`);
    ws.write('.gitignore', 'build/\n');
    ws.write('build/out.js', 'const builtMarker = 1;\n');
    ws.write('src/a.ts', 'export const a = 1;\n');
    ws.write('src/keys.ts', `export const key = '${fakeSecrets.github}';\n`);
    ws.link('docs/notes.md', join(ws.outside, 'etc/passwd'));
  });
  afterEach(() => {
    ws.remove();
    sim.reset();
  });
  after(() => sim.close());

  /** Runs one agent whose first turn makes `calls`; resolves with the tool results it saw. */
  async function attempt(calls: SimToolUse[]) {
    sim.configure({
      responder: (req) => (turnNumber(req.messages) === 0 ? { text: 'Reading.', toolUses: calls } : 'Done.'),
    });
    const workspace = openAgentWorkspace({ root: ws.root, fs: nodeWorkspaceFs });
    const collector = new ProposalCollector();
    const result = await runAgent('Look around', { client, model: MODEL, tools: workspaceTools(workspace, collector) });
    const sent = JSON.stringify(sim.log.map((e) => e.body));
    const seen = latestToolResults((sim.log.at(-1)!.body as { messages: unknown[] }).messages);
    return { result, sent, seen, collector };
  }

  it('refuses ../../etc/passwd, an absolute path outside, .env, a link out and secret content, and sends none of it', async () => {
    const { result, sent, seen } = await attempt([
      { name: 'read_file', input: { path: '../../etc/passwd' } },
      { name: 'read_file', input: { path: join(ws.outside, 'etc/passwd') } },
      { name: 'read_file', input: { path: '.env' } },
      { name: 'read_file', input: { path: 'docs/notes.md' } },
      { name: 'read_file', input: { path: 'src/keys.ts' } },
      { name: 'read_file', input: { path: 'build/out.js' } },
      { name: 'search_text', input: { query: 'root:x' } },
    ]);
    assert.equal(result.endReason, 'answered');
    assert.deepEqual(
      seen.map((r) => r.isError),
      [true, true, true, true, true, true, false],
    );
    assert.match(seen[0]!.content, /^Refused: \.\.\/\.\.\/etc\/passwd is outside the workspace folder/);
    assert.match(seen[1]!.content, /is outside the workspace folder/);
    assert.match(seen[2]!.content, /^Refused: \.env may not be read/);
    assert.match(
      seen[3]!.content,
      /^Refused: docs\/notes\.md may not be read \(a symbolic link to a file outside the workspace folder\)/,
    );
    assert.match(seen[4]!.content, /^Refused: src\/keys\.ts may not be read \(contains /);
    assert.match(seen[5]!.content, /^Refused: build\/out\.js may not be read \(ignored by /);
    assert.equal(seen[6]!.content, 'No line contains "root:x".');
    for (const secret of [PASSWD, fakeSecrets.anthropic, fakeSecrets.github, 'builtMarker'])
      assert.ok(!sent.includes(secret), `never sent: ${secret.slice(0, 12)}…`);
    assert.deepEqual(
      result.toolCalls.map((c) => c.isError),
      [true, true, true, true, true, true, false],
    );
  });

  it('lists only files the policy allows, reads a range, and refuses to propose edits to excluded files', async () => {
    const { seen, collector, sent } = await attempt([
      { name: 'list_files', input: {} },
      { name: 'read_file', input: { path: 'src/a.ts', startLine: 1, endLine: 1 } },
      { name: 'propose_edit', input: { path: '.env', create: true, newText: 'X=1', reason: 'config' } },
      { name: 'propose_edit', input: { path: '../evil.sh', create: true, newText: 'rm -rf /', reason: 'x' } },
      {
        name: 'propose_edit',
        input: { path: 'src/a.ts', startLine: 1, endLine: 1, newText: 'export const a = 2;', reason: 'Bump a.' },
      },
    ]);
    // .env, the ignored build/ and the link out are not listed (src/keys.ts is: only its content is secret).
    assert.deepEqual(seen[0]!.content.split('\n'), ['.gitignore', 'src/a.ts', 'src/keys.ts']);
    assert.equal(seen[1]!.content, 'src/a.ts (lines 1–1 of 1)\n1: export const a = 1;');
    assert.ok(seen[2]!.isError && seen[3]!.isError && !seen[4]!.isError);
    assert.deepEqual(collector.proposals, [
      {
        kind: 'replace',
        path: 'src/a.ts',
        startLine: 1,
        endLine: 1,
        oldText: 'export const a = 1;',
        newText: 'export const a = 2;',
        reason: 'Bump a.',
      },
    ]);
    assert.ok(!sent.includes('out.js') && !sent.includes('notes.md'), 'excluded names are not listed');
  });
});
