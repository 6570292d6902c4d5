// The text a file would have once its proposed edits are accepted (the right side of the change set's
// diff), and the summary of what was accepted and discarded.
import assert from 'node:assert/strict';
import { changeSetFiles, decisionSummary, proposedText, type EditProposal } from '../../../src/delegate';

const replace = (startLine: number, endLine: number, oldText: string, newText: string): EditProposal => ({
  kind: 'replace',
  path: 'a.ts',
  startLine,
  endLine,
  oldText,
  newText,
  reason: 'r',
});

describe('delegation: a file as its proposed edits would leave it', () => {
  it('replaces, inserts and appends from the bottom up, keeping the final newline', () => {
    const text = 'one\ntwo\nthree\n';
    const edits = [replace(2, 2, 'two', 'TWO\nand a half'), replace(1, 0, '', '// header'), replace(4, 3, '', 'four')];
    assert.equal(proposedText(text, edits), '// header\none\nTWO\nand a half\nthree\nfour\n');
  });

  it("keeps a file's CRLF line endings and a missing final newline", () => {
    assert.equal(proposedText('one\r\ntwo', [replace(2, 2, 'two', 'TWO')]), 'one\r\nTWO');
  });

  it('a new file is its proposed text, ending in a newline', () => {
    const create: EditProposal = { kind: 'create', path: 'n.ts', newText: 'x', reason: 'r' };
    assert.equal(proposedText(undefined, [create]), 'x\n');
  });

  it('groups the change set by file and summarises the decisions', () => {
    const files = changeSetFiles({
      edits: [
        { subtaskIndex: 0, label: 'A', proposal: replace(1, 1, 'one', '1') },
        { subtaskIndex: 1, label: 'B', proposal: { kind: 'create', path: 'n.ts', newText: 'x', reason: 'r' } },
        { subtaskIndex: 1, label: 'B', proposal: replace(3, 3, 'three', '3') },
      ],
      conflicts: [],
      files: ['a.ts', 'n.ts'],
    });
    assert.deepEqual(
      files.map((f) => [f.path, f.edits.length, f.created]),
      [
        ['a.ts', 2, false],
        ['n.ts', 1, true],
      ],
    );
    assert.equal(
      decisionSummary([
        { path: 'a.ts', decision: 'discarded' },
        { path: 'n.ts', decision: 'pending' },
      ]),
      'Nothing accepted. Discarded: a.ts. 1 file still to review.',
    );
  });
});
