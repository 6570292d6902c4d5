// The numbered listings experts cite from. Every line carries its real 1-based number so findings
// map straight back to the file; the format is fixed because the block is cached byte for byte.
import type { DiffFile, DiffHunk } from './diffParser';

export type ListingKind = 'selection' | 'paths' | 'diff';

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Numbers are right-aligned to at least four columns: `  12| code`. */
function numberWidth(lastLine: number): number {
  return Math.max(4, String(lastLine).length);
}

function numbered(n: number | undefined, marker: ' ' | '+' | '-', text: string, width: number): string {
  return `${n === undefined ? ' '.repeat(width) : String(n).padStart(width)}|${marker}${text}`;
}

/** The numbered lines a listing shows, as data: line number → text (a diff's removed lines have no number). */
export type ListedLines = ReadonlyMap<number, string>;

/** A whole file's or a selection's lines by number, as renderFileListing shows them. */
export function fileLines(lines: readonly string[], startLine: number): ListedLines {
  return new Map(lines.map((text, i) => [startLine + i, text]));
}

/** A diff's numbered lines (context and added, by their new-file number), as renderDiffListing shows them. */
export function diffLines(file: DiffFile): ListedLines {
  return new Map(
    file.hunks.flatMap((h) => h.lines.flatMap((l) => (l.newLine === undefined ? [] : [[l.newLine, l.text] as const]))),
  );
}

/** A whole file or a selection: `lines` are the file's lines starting at `startLine`. */
export function renderFileListing(path: string, lines: readonly string[], startLine: number): string {
  const endLine = startLine + lines.length - 1;
  const width = numberWidth(endLine);
  const body = lines.map((text, i) => numbered(startLine + i, ' ', text, width));
  return [`<file path="${escapeAttr(path)}" lines="${startLine}-${endLine}">`, ...body, '</file>'].join('\n');
}

/** The new-file lines a hunk shows; a pure deletion points at the line it follows. */
export function hunkRange(hunk: DiffHunk): { startLine: number; endLine: number } {
  const start = Math.max(1, hunk.newStart);
  return { startLine: start, endLine: Math.max(start, hunk.newStart + hunk.newCount - 1) };
}

function renderHunk(hunk: DiffHunk, width: number): string {
  const body = hunk.lines.map((l) =>
    numbered(l.newLine, l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' ', l.text, width),
  );
  return [hunk.header, ...body].join('\n');
}

/** Hunks of one file, numbered by the working-tree file; removed lines have no number. */
export function renderDiffListing(path: string, file: DiffFile): { header: string; hunks: string[]; footer: string } {
  const ranges = file.hunks.map(hunkRange);
  const lastLine = Math.max(1, ...ranges.map((r) => r.endLine));
  const width = numberWidth(lastLine);
  const change = file.status === 'renamed' && file.oldPath ? `renamed from ${file.oldPath}` : file.status;
  const lines = ranges.map((r) => `${r.startLine}-${r.endLine}`).join(',');
  return {
    header: `<file path="${escapeAttr(path)}" lines="${lines}" change="${escapeAttr(change)}">`,
    hunks: file.hunks.map((h) => renderHunk(h, width)),
    footer: '</file>',
  };
}

const INTRO: Record<ListingKind, string> = {
  selection: 'The code under review is a selection the user made in one file.',
  paths: "The code under review is the set of files below from the user's workspace.",
  diff: "The code under review is the user's uncommitted changes (a diff against the last commit).",
};

const NUMBERING =
  'Each file is wrapped in <file path="…" lines="…"> tags and every line starts with its 1-based line number in that file, then "|". ' +
  'When you refer to code, use the path exactly as written in the tag and these exact line numbers. ' +
  'Only the lines shown were provided: do not guess about code that is not shown.';

const DIFF_NUMBERING =
  'Hunks are numbered as in the new version of each file. After the "|", "+" marks an added line, ' +
  '"-" a removed line (it has no number because it no longer exists) and a space an unchanged context line. ' +
  'Focus on the added and changed lines; context is there to help you understand them.';

/** The numbered listings with what they are; `scope` names a diff's changes ("the commits of branch x since main"). */
export function renderSystemText(
  kind: ListingKind,
  blocks: readonly string[],
  leftOutCount: number,
  scope?: string,
  intentBlock = '',
): string {
  const header = [scope ? `The code under review is ${scope}.` : INTRO[kind], NUMBERING];
  if (kind === 'diff') header.push(DIFF_NUMBERING);
  if (leftOutCount > 0) {
    header.push(
      `${leftOutCount} other item${leftOutCount === 1 ? ' was' : 's were'} left out (excluded by settings or safety rules, or over the size budget); ` +
        'their contents are not available to you.',
    );
  }
  const intent = intentBlock ? [intentBlock, ''] : [];
  return ['<code-under-review>', header.join('\n'), '', ...intent, blocks.join('\n\n'), '</code-under-review>'].join(
    '\n',
  );
}

/**
 * The fewest tokens a whole-file listing of `path` can cost: a sound floor, so a file is never left
 * out unread when it would have fit. Without a size it is a one-character file's listing (42
 * characters of tag and number column plus the path). With a size: every character of the text is
 * listed (UTF-8 needs at most 3 bytes per UTF-16 unit, a BOM may be dropped, and each CRLF saved is
 * more than paid for by its line's number column), plus at least 39 characters around it.
 */
export function listingTokenFloor(path: string, bytes?: number): number {
  if (bytes === undefined) return Math.ceil((path.length + 42) / 4);
  return Math.ceil((path.length + 39 + Math.ceil(Math.max(0, bytes - 3) / 3)) / 4);
}
