// Which lines of a pull request's new text a review comment may sit on: GitHub accepts a comment only
// on a line of the diff it shows (an added line or a context line inside a hunk, on the RIGHT side),
// and a multi-line comment only within one hunk. Read from each file's `patch` (hunks, no headers).

export interface PatchHunk {
  /** First and last line of the hunk in the new text. */
  start: number;
  end: number;
  /** Lines the change added or modified, in the new text. */
  added: number[];
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

export function patchHunks(patch: string): PatchHunk[] {
  const hunks: PatchHunk[] = [];
  let current: PatchHunk | undefined;
  let line = 0;
  /** New-side lines the hunk header announced and the rows have not yet shown. */
  let left = 0;
  for (const row of patch.split('\n')) {
    const head = HUNK.exec(row);
    if (head) {
      line = Number(head[1]);
      left = head[2] === undefined ? 1 : Number(head[2]);
      current = { start: line, end: line - 1, added: [] };
      hunks.push(current);
      continue;
    }
    if (!current || left <= 0) continue;
    // '-' rows are the old side only; '\' is "No newline at end of file". An empty row is a context line
    // whose leading space was lost.
    if (row.startsWith('-') || row.startsWith('\\')) continue;
    if (row.startsWith('+')) current.added.push(line);
    current.end = line;
    line++;
    left--;
  }
  return hunks.filter((h) => h.end >= h.start);
}

/** Where a finding over startLine..endLine can be commented on, or undefined when it touches no changed line. */
export function commentPlacement(
  hunks: readonly PatchHunk[],
  startLine: number,
  endLine: number,
): { line: number; startLine?: number } | undefined {
  const touched = hunks.filter((h) => h.added.some((n) => n >= startLine && n <= endLine));
  if (!touched.length) return undefined;
  const whole = touched.find((h) => h.start <= startLine && endLine <= h.end);
  if (whole) return startLine < endLine ? { line: endLine, startLine } : { line: endLine };
  // The range leaves the hunk: comment on the last changed line inside it.
  const last = Math.max(...touched.flatMap((h) => h.added.filter((n) => n >= startLine && n <= endLine)));
  return { line: last };
}
