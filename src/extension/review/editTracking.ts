// A document change event in the shape the review's edit following takes (review/findings/followEdits.ts),
// shared by the diagnostics and the comment threads, which both move with the text.
import type * as vscode from 'vscode';
import type { TextEdit } from '../../review';

/**
 * How long the finding's last line was before the change, so a line break typed at its end is not
 * an edit of it. Only that one case needs it: an insert on that line, and the line is otherwise intact.
 */
export function lineLengthBefore(
  doc: vscode.TextDocument,
  line: number,
  edits: readonly TextEdit[],
): number | undefined {
  const e = edits.length === 1 ? edits[0]! : undefined;
  if (
    !e ||
    e.start.line !== line ||
    e.end.line !== line ||
    e.start.character !== e.end.character ||
    !e.text.startsWith('\n') ||
    line >= doc.lineCount
  )
    return undefined;
  // After the insert, the rest of the old line follows the inserted text's last line.
  const breaks = e.text.split('\n').length - 1;
  const lastInserted = e.text.length - e.text.lastIndexOf('\n') - 1;
  if (line + breaks >= doc.lineCount) return undefined;
  return e.start.character + doc.lineAt(line + breaks).text.length - lastInserted;
}

/** A change event's edits in the shape followEdits takes. */
export const textEdits = (event: vscode.TextDocumentChangeEvent): TextEdit[] =>
  event.contentChanges.map((c) => ({
    start: { line: c.range.start.line, character: c.range.start.character },
    end: { line: c.range.end.line, character: c.range.end.character },
    text: c.text,
  }));
