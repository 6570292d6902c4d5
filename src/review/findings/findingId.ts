// Finding ids derived from content, so the same finding keeps its id across re-renders and exports.
import type { Finding } from './types';

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Gives every finding an id from its file, lines and title; repeats get -2, -3… in list order. */
export function assignIds<T extends Omit<Finding, 'id'>>(findings: readonly T[]): Array<T & { id: string }> {
  const used = new Map<string, number>();
  return findings.map((f) => {
    const base = `f${fnv1a(`${f.file}\n${f.startLine}\n${f.endLine}\n${f.title}`)}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { ...f, id: n === 1 ? base : `${base}-${n}` };
  });
}
