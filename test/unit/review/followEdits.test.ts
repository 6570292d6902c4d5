// A finding's range follows the user's edits: moves with lines inserted or deleted above, stays for
// edits below, and is marked outdated when its own code changes.
import assert from 'node:assert/strict';
import { followEdit, followEdits, moveFinding, type TextEdit, type TrackedRange } from '../../../src/review/findings';

const RANGE: TrackedRange = { startLine: 10, endLine: 12, endCharacter: 20 };
const at = (line: number, character = 0) => ({ line, character });
const edit = (start: [number, number], end: [number, number], text: string): TextEdit => ({
  start: at(...start),
  end: at(...end),
  text,
});

describe('follow edits', () => {
  it('moves down when lines are inserted above', () => {
    assert.deepEqual(followEdit(RANGE, edit([3, 5], [3, 5], '\nfoo\nbar')), { ...RANGE, startLine: 12, endLine: 14 });
    assert.deepEqual(
      followEdit(RANGE, edit([10, 0], [10, 0], '// note\n')),
      { ...RANGE, startLine: 11, endLine: 13 },
      'a whole line typed at the start of its first line',
    );
  });

  it('moves up when lines above are deleted', () => {
    assert.deepEqual(followEdit(RANGE, edit([2, 0], [5, 0], '')), { ...RANGE, startLine: 7, endLine: 9 });
    assert.deepEqual(
      followEdit(RANGE, edit([8, 0], [10, 0], '')),
      { ...RANGE, startLine: 8, endLine: 10 },
      'deleted up to the start of its first line',
    );
  });

  it('stays for edits below it or after its last character', () => {
    assert.equal(followEdit(RANGE, edit([13, 0], [15, 0], 'x')), RANGE);
    assert.equal(followEdit(RANGE, edit([12, 20], [12, 20], '\n')), RANGE, 'Enter at the end of its last line');
  });

  it('is outdated when its own code is edited or deleted', () => {
    assert.equal(followEdit(RANGE, edit([11, 4], [11, 6], 'y')).outdated, true);
    assert.equal(followEdit(RANGE, edit([10, 0], [10, 0], 'x')).outdated, true, 'text joined onto its first line');
    const deleted = followEdit(RANGE, edit([9, 0], [13, 0], ''));
    assert.equal(deleted.outdated, true);
    assert.deepEqual([deleted.startLine, deleted.endLine], [9, 9], 'kept where the deletion began, never past it');
  });

  it('applies a change event edit by edit, and an outdated range keeps moving', () => {
    const result = followEdits(RANGE, [edit([11, 0], [11, 3], ''), edit([0, 0], [0, 0], '\n\n')]);
    assert.deepEqual(result, { startLine: 12, endLine: 14, outdated: true });
  });
});

describe('moving a finding with the edits', () => {
  const finding = { startLine: 5, endLine: 6, suggestedFix: { startLine: 5, endLine: 5, replacement: 'x' } };

  it('moves the finding and its fix together (1-based lines)', () => {
    const { finding: moved, outdated } = moveFinding(finding, [edit([0, 0], [0, 0], 'a\nb\n')]);
    assert.equal(outdated, false);
    assert.deepEqual(
      [moved.startLine, moved.endLine, moved.suggestedFix.startLine, moved.suggestedFix.endLine],
      [7, 8, 7, 7],
    );
  });

  it('is outdated when its code is edited', () => {
    assert.equal(moveFinding(finding, [edit([5, 1], [5, 2], '')]).outdated, true);
  });
});
