// The delegation's change set reviewed file by file (issue 28, "Applying is a trap"): it opens in the
// multi-file diff editor (each file beside its proposed text, served under our own scheme), and the
// "Delegation changes" view accepts or discards each file and all of them. Accept writes through a
// WorkspaceEdit after checking the file did not change since the agents read it; the run's summary
// says what was accepted. Files are real (a temporary folder); the editor is the stand-in.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installFakeVscode, standIn, Uri, type RecordedTreeView } from '../../bench/fakeVscode';
import type { ChangeSet, EditProposal } from '../../../src/delegate';

installFakeVscode();

const replace = (path: string, line: number, oldText: string, newText: string): EditProposal => ({
  kind: 'replace',
  path,
  startLine: line,
  endLine: line,
  oldText,
  newText,
  reason: `change ${path}`,
});

const changeSet: ChangeSet = {
  edits: [
    { subtaskIndex: 0, label: 'Shout two', proposal: replace('a.ts', 2, 'two', 'TWO') },
    { subtaskIndex: 1, label: 'Shout beta', proposal: replace('b.ts', 2, 'beta', 'BETA') },
    {
      subtaskIndex: 1,
      label: 'Add gamma',
      proposal: { kind: 'create', path: 'c.ts', newText: 'export const gamma = 3;', reason: 'new module' },
    },
  ],
  conflicts: [],
  files: ['a.ts', 'b.ts', 'c.ts'],
};

const ORIGINAL = { 'a.ts': 'one\ntwo\nthree\n', 'b.ts': 'alpha\nbeta\n' };

describe('delegation: the change set reviewed file by file in the multi-file diff editor', () => {
  let root: string;
  let reports: string[];
  let changes: import('../../../src/extension/delegate/changeSetView').DelegationChanges;
  let C: typeof import('../../../src/extension/delegate/changeCommands').CHANGE_COMMANDS;

  const onDisk = (rel: string) => fsp.readFile(join(root, rel), 'utf8').catch(() => undefined);
  const view = (): RecordedTreeView => standIn.treeViews.at(-1)!;
  const listed = async () => (await view().provider.getChildren()) as string[];

  beforeEach(async () => {
    standIn.reset();
    root = await fsp.mkdtemp(join(tmpdir(), 'cma-changes-'));
    for (const [f, text] of Object.entries(ORIGINAL)) await fsp.writeFile(join(root, f), text);
    standIn.workspaceFolders = [{ uri: Uri.file(root), name: 'ws', index: 0 }];
    reports = [];
    const { ChangeSetReview } = await import('../../../src/extension/delegate/changeSetReview');
    const { DelegationChanges } = await import('../../../src/extension/delegate/changeSetView');
    C = (await import('../../../src/extension/delegate/changeCommands')).CHANGE_COMMANDS;
    changes = new DelegationChanges();
    const review = await ChangeSetReview.open(root, 'Delegation: shout', changeSet, {
      report: (summary) => reports.push(summary),
      warn: () => {},
    });
    await changes.show(review);
  });
  afterEach(async () => {
    changes.dispose();
    standIn.reset();
    await fsp.rm(root, { recursive: true, force: true });
  });

  it('opens every file in the multi-file diff editor: on disk (or empty) beside its proposed text', async () => {
    const opened = standIn.commands.find((c) => c.command === 'vscode.changes');
    assert.ok(opened, JSON.stringify(standIn.commands.map((c) => c.command)));
    const [title, resources] = opened.args as [string, Uri[][]];
    assert.equal(title, 'Delegation: shout');
    assert.deepEqual(
      resources.map(([label]) => label!.fsPath),
      ['a.ts', 'b.ts', 'c.ts'].map((f) => Uri.file(join(root, f)).fsPath),
    );
    const provider = standIn.contentProviders.get('claude-delegation')!;
    const [aLabel, aOriginal, aProposed] = resources[0]!;
    assert.equal(aOriginal!.toString(), aLabel!.toString(), 'an existing file is compared with itself on disk');
    // The editor lists an entry whose two sides have different paths as a rename ("R").
    assert.equal(aProposed!.path, aOriginal!.path, "the proposed side has the file's own path: modified, not renamed");
    assert.equal(await provider.provideTextDocumentContent(aProposed!), 'one\nTWO\nthree\n');
    const [cLabel, cOriginal, cProposed] = resources[2]!;
    assert.equal(cOriginal, undefined, 'a new file has no original side: the editor lists it as added');
    assert.equal(cProposed!.path, cLabel!.path);
    assert.equal(await provider.provideTextDocumentContent(cProposed!), 'export const gamma = 3;\n');
    assert.deepEqual(await listed(), ['a.ts', 'b.ts', 'c.ts']);
  });

  it('accepts one file: only it is written, and the view and the summary say so', async () => {
    await changes.run(C.accept, 'a.ts');
    assert.equal(await onDisk('a.ts'), 'one\nTWO\nthree\n');
    assert.equal(await onDisk('b.ts'), ORIGINAL['b.ts']);
    assert.equal(await onDisk('c.ts'), undefined);
    assert.deepEqual(await listed(), ['b.ts', 'c.ts']);
    assert.match(reports.at(-1)!, /^Accepted: a\.ts\. 2 files still to review\.$/);
    assert.match(view().message ?? '', /2 files to review\. Accepted: a\.ts\./);
    const proposed = Uri.from({
      scheme: 'claude-delegation',
      path: Uri.file(join(root, 'a.ts')).path,
      query: 'proposed&1',
    });
    const provider = standIn.contentProviders.get('claude-delegation')!;
    assert.equal(await provider.provideTextDocumentContent(proposed), 'one\nTWO\nthree\n', 'no edit shown twice');
  });

  it('discards one file (from its diff title bar): nothing is written and it leaves the view', async () => {
    const proposed = Uri.from({
      scheme: 'claude-delegation',
      path: Uri.file(join(root, 'b.ts')).path,
      query: 'proposed&1',
    });
    await changes.run(C.discard, proposed);
    assert.equal(await onDisk('b.ts'), ORIGINAL['b.ts']);
    assert.deepEqual(await listed(), ['a.ts', 'c.ts']);
    assert.match(reports.at(-1)!, /Nothing accepted\. Discarded: b\.ts\./);
  });

  it('accepts all: every file is written, the new one created, and the view says none are left', async () => {
    await changes.run(C.acceptAll, undefined);
    assert.equal(await onDisk('a.ts'), 'one\nTWO\nthree\n');
    assert.equal(await onDisk('b.ts'), 'alpha\nBETA\n');
    assert.equal(await onDisk('c.ts'), 'export const gamma = 3;\n');
    assert.deepEqual(await listed(), []);
    assert.equal(reports.at(-1), 'Accepted: a.ts, b.ts, c.ts. All files reviewed.');
    assert.match(view().message ?? '', /^No proposed changes left to review\. Accepted: a\.ts, b\.ts, c\.ts\.$/);
  });

  it('discards all after accepting one: the summary records the accepted file', async () => {
    await changes.run(C.accept, 'c.ts');
    await changes.run(C.discardAll, undefined);
    assert.equal(await onDisk('a.ts'), ORIGINAL['a.ts']);
    assert.equal(await onDisk('c.ts'), 'export const gamma = 3;\n');
    assert.equal(reports.at(-1), 'Accepted: c.ts. Discarded: a.ts, b.ts. All files reviewed.');
  });

  it('refuses a file that changed since the agents read it, says why, and keeps it to review', async () => {
    await fsp.writeFile(join(root, 'a.ts'), 'one\n2\nthree\n');
    await changes.run(C.accept, 'a.ts');
    assert.equal(await onDisk('a.ts'), 'one\n2\nthree\n', 'the newer text is not overwritten');
    assert.ok(
      standIn.notices.some((n) => n.severity === 'warning' && /a\.ts changed since the agent read it/.test(n.message)),
      JSON.stringify(standIn.notices),
    );
    assert.deepEqual(await listed(), ['a.ts', 'b.ts', 'c.ts']);
    const item = view().provider.getTreeItem('a.ts') as { description?: string };
    assert.match(item.description ?? '', /not accepted: changed since read/);
    assert.equal(reports.length, 0, 'no decision was recorded');
  });

  it('never writes through a symbolic link that leads out of the workspace (a hostile repository)', async () => {
    const outside = await fsp.mkdtemp(join(tmpdir(), 'cma-outside-'));
    try {
      // Same text as the agents read, so only the content policy stands between the edit and the target.
      await fsp.writeFile(join(outside, 'target.ts'), ORIGINAL['b.ts']);
      await fsp.rm(join(root, 'b.ts'));
      await fsp.symlink(join(outside, 'target.ts'), join(root, 'b.ts'));
      await changes.run(C.accept, 'b.ts');
      assert.equal(await fsp.readFile(join(outside, 'target.ts'), 'utf8'), ORIGINAL['b.ts'], 'the outside file');
      assert.ok((await listed()).includes('b.ts'), 'the refused file stays to review');
      assert.ok(!reports.some((r) => /Accepted: .*b\.ts/.test(r)), 'nothing was recorded as accepted');
    } finally {
      await fsp.rm(outside, { recursive: true, force: true });
    }
  });
});
