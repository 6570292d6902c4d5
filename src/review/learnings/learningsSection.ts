// Where a learning goes in REVIEW.md: as a bullet at the end of its "## Learnings" section, which is
// added at the end of the file when missing (and the file created when there is none). Returned as an
// insertion, so the editor can apply it as an undoable WorkspaceEdit that shows up as a change.

export const LEARNINGS_FILE = 'REVIEW.md';
export const LEARNINGS_HEADING = '## Learnings';

/** Insert `text` at character `offset` of the file (0 for a new file). */
export interface LearningInsertion {
  offset: number;
  text: string;
}

const NEW_FILE_INTRO = '# Review rules\n\nRules for code reviews of this project, read by the multi-expert review.\n';

export function learningInsertion(existing: string | undefined, rule: string): LearningInsertion {
  const bullet = `- ${rule.replace(/\s+/g, ' ').trim()}`;
  if (existing === undefined) return { offset: 0, text: `${NEW_FILE_INTRO}\n${LEARNINGS_HEADING}\n\n${bullet}\n` };
  const lines = existing.split('\n');
  const heading = lines.findIndex((l) => l.trim().toLowerCase() === LEARNINGS_HEADING.toLowerCase());
  if (heading < 0) {
    const gap = existing === '' ? '' : existing.endsWith('\n\n') ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
    return { offset: existing.length, text: `${gap}${LEARNINGS_HEADING}\n\n${bullet}\n` };
  }
  // The section ends at the next heading of the same or a higher level; the bullet follows its last non-blank line.
  let end = lines.length;
  for (let i = heading + 1; i < lines.length; i++)
    if (/^#{1,2}\s/.test(lines[i]!)) {
      end = i;
      break;
    }
  let last = end - 1;
  while (last > heading && lines[last]!.trim() === '') last--;
  const offset = lines.slice(0, last + 1).reduce((n, l) => n + l.length + 1, 0);
  const atEnd = offset > existing.length; // the last line has no newline
  if (atEnd) return { offset: existing.length, text: `\n${last === heading ? '\n' : ''}${bullet}\n` };
  return { offset, text: `${last === heading ? '\n' : ''}${bullet}\n` };
}

/** The file's text after the insertion (for tests and for shells that write files directly). */
export const applyInsertion = (existing: string | undefined, insertion: LearningInsertion): string =>
  (existing ?? '').slice(0, insertion.offset) + insertion.text + (existing ?? '').slice(insertion.offset);
