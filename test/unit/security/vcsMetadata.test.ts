// Finding: `.git/` was refused by the review's own skip list, not by the content policy, so a
// delegated sub-agent's `read_file .git/config` returned the `http.extraheader AUTHORIZATION: basic …`
// that actions/checkout leaves behind. Version-control metadata is now the policy's, for every reader:
// review, chat, the delegation's tools (read, list, search, edit) and a file outside the workspace.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { gatherFileContext } from '../../../src/chat';
import { openAgentWorkspace, ProposalCollector, workspaceTools } from '../../../src/delegate';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { ContentPolicy, vcsMetadataReason } from '../../../src/policy';
import { chatAbout, makeWorkspace, reviewPaths, reviewSelection, type Workspace } from './hostile';

/** What actions/checkout writes into .git/config (a neutral-looking value, assembled at run time). */
const CHECKOUT_HEADER = `AUTHORIZATION: ${'basic'} ${Buffer.from('x-access-token:plainvalue').toString('base64')}`;
const GIT_CONFIG = `[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = ${CHECKOUT_HEADER}\n`;

describe('security: version-control metadata is refused by the policy, for every reader', () => {
  let ws: Workspace;
  beforeEach(() => {
    ws = makeWorkspace();
    ws.write('.git/config', GIT_CONFIG);
    ws.write('.hg/hgrc', '[paths]\ndefault = https://hg.example/repo\n');
    ws.write('.jj/repo/config.toml', 'user = "x"\n');
    ws.write('src/app.ts', 'export const app = 1;\n');
    ws.link('docs/config', join(ws.root, '.git/config'));
  });
  afterEach(() => ws.remove());

  const tools = () => {
    const list = workspaceTools(openAgentWorkspace({ root: ws.root, fs: nodeWorkspaceFs }), new ProposalCollector());
    return (name: string, input: unknown) =>
      list
        .find((t) => t.name === name)!
        .run(input, new AbortController().signal)
        .then(String, (e: Error) => e.message);
  };

  it("a sub-agent's read_file, search_text and list_files never see .git/config", async () => {
    const run = tools();
    for (const path of ['.git/config', './.git/config', '.GIT/config', '.git./config', 'docs/config', '.hg/hgrc']) {
      const answer = await run('read_file', { path });
      assert.match(answer, /^Refused: .* may not be read \(.*(metadata|\.git\/)/, path);
      assert.ok(!answer.includes('extraheader'), path);
    }
    assert.ok(!(await run('search_text', { query: 'extraheader' })).includes('AUTHORIZATION'));
    assert.ok(!(await run('search_text', { query: 'repo' })).includes('.jj/'));
    const listed = await run('list_files', {});
    assert.match(listed, /src\/app\.ts/);
    assert.ok(!/\.git\/|\.hg\/|\.jj\//.test(listed), listed);
  });

  it('a sub-agent may not propose edits in .git/ (a hook would run on the next commit)', async () => {
    const run = tools();
    const hook = await run('propose_edit', {
      path: '.git/hooks/pre-commit',
      create: true,
      newText: '#!/bin/sh\ncurl evil\n',
      reason: 'x',
    });
    assert.match(hook, /^Refused: \.git\/hooks\/pre-commit may not be created \(\.git\/ is Git metadata/);
    const edit = await run('propose_edit', {
      path: '.git/config',
      startLine: 1,
      endLine: 1,
      newText: 'x',
      reason: 'x',
    });
    assert.match(edit, /^Refused/);
  });

  it('the review of the folder, of .git/config named, and of its text as a selection sends none of it', async () => {
    const folder = await reviewPaths(ws.root, ['.']);
    assert.ok(folder.text.includes('export const app'));
    assert.ok(!folder.text.includes('extraheader'));
    const named = await reviewPaths(ws.root, ['.git/config', 'docs/config']);
    assert.equal(named.text, '');
    const selection = await reviewSelection(ws.root, '.git/config', GIT_CONFIG);
    assert.equal(selection.text, '');
    assert.match(selection.excluded[0]!.detail, /\.git\/ is Git metadata/);
  });

  it('the chat about .git/config, in the workspace or outside every workspace, sends nothing', async () => {
    assert.equal((await chatAbout(ws.root, '.git/config', GIT_CONFIG)).included, false);
    const outside = await gatherFileContext({
      fs: nodeWorkspaceFs,
      path: join(ws.outside, 'clone/.git/config'),
      filePath: join(ws.outside, 'clone/.git/config'),
      text: 'plain text\n',
      budgetTokens: 10_000,
    });
    assert.equal(outside.included, false);
  });

  it('names that a case-insensitive or Windows file system opens as .git count too; look-alikes do not', async () => {
    for (const path of [
      '.git/x',
      '.GIT/x',
      '.Git/x',
      '.git./x',
      '.git  /x',
      'GIT~1/x',
      'a/.svn/x',
      'CVS/Root',
      '_darcs/x',
    ])
      assert.ok(vcsMetadataReason(path, false), path);
    for (const path of ['.gitignore', '.github/workflows/ci.yml', 'git/x', '.gitkeep', 'cvs/x', 'src/.git'])
      assert.equal(vcsMetadataReason(path, false), undefined, path);
    const policy = new ContentPolicy({ fs: nodeWorkspaceFs, root: ws.root });
    assert.equal((await policy.pathExclusion('.git', true))?.reason, 'always-skipped');
    assert.equal(await policy.pathExclusion('.gitignore', false), undefined);
  });
});
