// Finding ids as fingerprints: the file, the code the finding points at (whitespace collapsed, as the
// experts were shown it) and what kind of problem it is. Not the line numbers, so a finding keeps
// its id when edits above it move it: dismissals, re-review status and SARIF fingerprints rely on it.
import type { Finding, ShownLines } from './types';

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The text of lines startLine..endLine of a file as shown to the experts, or undefined when any was not shown. */
export type CodeLookup = (file: string, startLine: number, endLine: number) => string | undefined;

/** Code compared for identity: indentation, line breaks and runs of spaces do not count. */
export const normaliseCode = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The finding's kind, or its title in the same shape ("SQL Injection!" → "sql-injection"). */
export const kindOf = (f: Pick<Finding, 'kind' | 'title'>): string =>
  (f.kind?.trim() ? f.kind : f.title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // Runs are one '-' now: strip one at each end (a `-+$` would rescan a run from each position).
    .replace(/^-/, '')
    .replace(/-$/, '');

/**
 * Gives every finding an id from its file, code and kind; repeats get -2, -3… in list order. Without
 * the code (no lookup, or a line that was not shown) the line numbers stand in for it.
 */
export function assignIds<T extends Omit<Finding, 'id'>>(
  findings: readonly T[],
  codeAt?: CodeLookup,
): Array<T & { id: string }> {
  const used = new Map<string, number>();
  return findings.map((f) => {
    const code = codeAt?.(f.file, f.startLine, f.endLine);
    const where = code === undefined ? `lines:${f.startLine}-${f.endLine}` : `code:${normaliseCode(code)}`;
    const base = `f${fnv1a(`${f.file}\n${where}\n${kindOf(f)}`)}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { ...f, id: n === 1 ? base : `${base}-${n}` };
  });
}

/** Looks code up in what the experts were shown (the listing as data). */
export function listingLookup(listing: ShownLines): CodeLookup {
  return (file, startLine, endLine) => {
    const lines = listing.get(file);
    const text: string[] = [];
    for (let n = startLine; n <= endLine; n++) {
      const line = lines?.get(n);
      if (line === undefined) return undefined;
      text.push(line);
    }
    return text.join('\n');
  };
}

/** The findings with ids fingerprinted from the code they point at, as the experts were shown it. */
export const withFingerprints = (findings: readonly Finding[], listing: ShownLines): Finding[] =>
  assignIds(findings, listingLookup(listing));
