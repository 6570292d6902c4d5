// Which lines of the new text a diff changed: what `changedLinesOnly` keeps findings to. Added and
// modified lines count; a pure deletion leaves no line of its own, so the lines on either side of the
// gap count instead (a finding about the removed check points at one of them).
import type { DiffFile } from './diffParser';

export interface LineRange {
  startLine: number;
  endLine: number;
}

/** The changed lines of one file's hunks, as sorted, merged 1-based ranges in new-file numbering. */
export function changedRanges(file: DiffFile): LineRange[] {
  const lines = new Set<number>();
  for (const hunk of file.hunks) {
    let block: typeof hunk.lines = [];
    let before: number | undefined;
    const close = (after: number | undefined) => {
      if (block.length === 0) return;
      const added = block.filter((l) => l.kind === 'added');
      if (added.length > 0) for (const l of added) lines.add(l.newLine!);
      else {
        if (before !== undefined) lines.add(before);
        if (after !== undefined) lines.add(after);
        if (before === undefined && after === undefined) lines.add(Math.max(1, hunk.newStart));
      }
      block = [];
    };
    for (const line of hunk.lines) {
      if (line.kind === 'context') {
        close(line.newLine);
        before = line.newLine;
      } else block.push(line);
    }
    close(undefined);
  }
  return toRanges([...lines].sort((a, b) => a - b));
}

function toRanges(sorted: readonly number[]): LineRange[] {
  const ranges: LineRange[] = [];
  for (const n of sorted) {
    const last = ranges.at(-1);
    if (last && n === last.endLine + 1) last.endLine = n;
    else ranges.push({ startLine: n, endLine: n });
  }
  return ranges;
}
