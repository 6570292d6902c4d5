// The delegation's change set in VS Code's refactor preview (issue 28, "Applying is a trap"): its edits
// start unticked, and Apply with nothing ticked applies nothing. That is said, on the panel and in a
// notification, instead of the preview closing silently. The stand-in's preview behaves as VS Code's.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installFakeVscode, standIn, Uri } from '../../bench/fakeVscode';
import type { ChangeSet } from '../../../src/delegate';

describe('delegation: applying the change set from the refactor preview', () => {
  let root: string;
  beforeEach(async () => {
    installFakeVscode();
    standIn.reset();
    root = await fsp.mkdtemp(join(tmpdir(), 'cma-changeset-'));
    await fsp.writeFile(join(root, 'a.ts'), 'one\ntwo\nthree\n');
    standIn.workspaceFolders = [{ uri: Uri.file(root), name: 'ws', index: 0 }];
  });
  afterEach(async () => {
    standIn.reset();
    await fsp.rm(root, { recursive: true, force: true });
  });

  const changeSet: ChangeSet = {
    edits: [
      {
        subtaskIndex: 0,
        label: 'Rename two',
        proposal: {
          kind: 'replace',
          path: 'a.ts',
          startLine: 2,
          endLine: 2,
          oldText: 'two',
          newText: 'TWO',
          reason: 'r',
        },
      },
    ],
    conflicts: [],
    files: ['a.ts'],
  };

  async function review(): Promise<Array<{ summary: string; canReview: boolean }>> {
    const { reviewChanges } = await import('../../../src/extension/delegate/changeSetEdit');
    const shown: Array<{ summary: string; canReview: boolean }> = [];
    await reviewChanges(
      root,
      changeSet,
      (summary, canReview) => shown.push({ summary, canReview }),
      () => {},
    );
    return shown;
  }

  it('Apply with nothing ticked says nothing was applied, and the change set can be reviewed again', async () => {
    const shown = await review();
    assert.equal(standIn.refactorPreviews, 1);
    const last = shown.at(-1)!;
    assert.match(last.summary, /Nothing was applied: no edit was ticked/);
    assert.equal(last.canReview, true);
    assert.ok(
      standIn.notices.some((n) => /Nothing was applied/.test(n.message)),
      JSON.stringify(standIn.notices),
    );
    const doc = standIn.documents.find((d) => d.uri.toString() === Uri.file(join(root, 'a.ts')).toString());
    assert.equal(doc?.getText() ?? 'one\ntwo\nthree\n', 'one\ntwo\nthree\n');
  });

  it('ticked and applied, it says so', async () => {
    standIn.answerRefactorPreview = (edits) => edits;
    const shown = await review();
    assert.match(shown.at(-1)!.summary, /Applied; Undo reverts them/);
    const doc = standIn.documents.find((d) => d.uri.toString() === Uri.file(join(root, 'a.ts')).toString())!;
    assert.equal(doc.getText(), 'one\nTWO\nthree\n');
  });
});
