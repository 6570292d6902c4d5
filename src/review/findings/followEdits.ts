// Keeps a finding's place while the user edits: lines inserted or deleted above move it, edits below
// leave it, and an edit that touches its own lines marks it outdated (the code it was about changed)
// rather than let it point at whatever line now sits there. Editors do not move diagnostics or
// comment threads themselves. Positions are 0-based, as editors report changes.

export interface Position {
  line: number;
  character: number;
}

/** One replacement as an editor reports it: the range replaced (before the change) and the new text. */
export interface TextEdit {
  start: Position;
  end: Position;
  text: string;
}

export interface TrackedRange {
  startLine: number;
  endLine: number;
  /** Length of the last line when the range was placed: typing after it (a new line below) is not an edit of it. */
  endCharacter?: number;
  /** The code it pointed at was changed or deleted. */
  outdated?: boolean;
}

const newlines = (text: string): number => text.split('\n').length - 1;

/** The range after one edit. */
export function followEdit(range: TrackedRange, edit: TextEdit): TrackedRange {
  const delta = newlines(edit.text) - (edit.end.line - edit.start.line);
  const pureInsert = edit.start.line === edit.end.line && edit.start.character === edit.end.character;
  // Below the range, or a line break typed at the very end of its last line.
  if (edit.start.line > range.endLine) return range;
  if (
    pureInsert &&
    edit.start.line === range.endLine &&
    range.endCharacter !== undefined &&
    edit.start.character >= range.endCharacter &&
    edit.text.startsWith('\n')
  )
    return range;
  // Above the range: ends on an earlier line, or at the start of its first line leaving that line whole.
  const endsAbove =
    edit.end.line < range.startLine ||
    (edit.end.line === range.startLine && edit.end.character === 0 && (edit.text === '' || edit.text.endsWith('\n')));
  if (endsAbove) return { ...range, startLine: range.startLine + delta, endLine: range.endLine + delta };
  // Touches its lines: it stays where the edit began, and is outdated.
  const startLine = Math.min(range.startLine, edit.start.line);
  return { startLine, endLine: Math.max(startLine, range.endLine + delta), outdated: true };
}

/** The range after a change event's edits, applied in the order given (editors list them so each applies after the last). */
export const followEdits = (range: TrackedRange, edits: readonly TextEdit[]): TrackedRange =>
  edits.reduce(followEdit, range);

/**
 * A finding (1-based lines) after a change event: moved, or outdated where the edit touched it. Its
 * suggested fix moves with it; a fix whose own lines were edited keeps its old place, where the
 * staleness check (fixStaleness.ts) will refuse it.
 */
export function moveFinding<
  F extends { startLine: number; endLine: number; suggestedFix?: { startLine: number; endLine: number } },
>(finding: F, edits: readonly TextEdit[], endCharacter?: number): { finding: F; outdated: boolean } {
  const moved = followEdits(
    {
      startLine: finding.startLine - 1,
      endLine: finding.endLine - 1,
      ...(endCharacter !== undefined && { endCharacter }),
    },
    edits,
  );
  const next = { ...finding, startLine: moved.startLine + 1, endLine: moved.endLine + 1 };
  const fix = finding.suggestedFix;
  if (fix) {
    const fixMoved = followEdits({ startLine: fix.startLine - 1, endLine: fix.endLine - 1 }, edits);
    if (!fixMoved.outdated)
      next.suggestedFix = { ...fix, startLine: fixMoved.startLine + 1, endLine: fixMoved.endLine + 1 };
  }
  return { finding: next, outdated: moved.outdated === true };
}
