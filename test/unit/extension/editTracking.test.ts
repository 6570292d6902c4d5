// The one fact edit following needs from the document: whether a line break typed on a finding's last
// line went at its end (the finding stays whole) or inside it (its code changed).
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { lineLengthBefore } from '../../../src/extension/review/editTracking';
import { moveFinding } from '../../../src/review';

/** The document after the edit, as far as lineLengthBefore reads it. */
const docAfter = (text: string) => {
  const lines = text.split('\n');
  return { lineCount: lines.length, lineAt: (n: number) => ({ text: lines[n]! }) } as unknown as vscode.TextDocument;
};
const enterAt = (line: number, character: number, indent = '') => [
  { start: { line, character }, end: { line, character }, text: `\n${indent}` },
];

describe('extension: following edits in a document', () => {
  const finding = { startLine: 2, endLine: 2 };

  it('Enter at the end of the finding’s last line (with auto-indent) leaves the finding as it is', () => {
    const edits = enterAt(1, 10, '  ');
    const doc = docAfter('first\n  x = y();\n  \nlast');
    assert.equal(lineLengthBefore(doc, 1, edits), 10);
    assert.deepEqual(moveFinding(finding, edits, lineLengthBefore(doc, 1, edits)), { finding, outdated: false });
  });

  it('Enter inside the line splits the finding’s code: outdated', () => {
    const edits = enterAt(1, 4, '  ');
    const doc = docAfter('first\n  x \n  = y();\nlast');
    assert.equal(lineLengthBefore(doc, 1, edits), 10);
    assert.equal(moveFinding(finding, edits, lineLengthBefore(doc, 1, edits)).outdated, true);
  });

  it('knows nothing for other edits', () => {
    assert.equal(
      lineLengthBefore(docAfter('a\nb'), 1, [
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, text: 'x' },
      ]),
      undefined,
    );
  });
});
