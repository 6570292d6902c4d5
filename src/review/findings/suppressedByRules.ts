// Experts say how many findings the project's rules kept them from raising. Read leniently: the
// schema's list of {file, count}, but also a bare number, a {file: count} map, or counts as strings;
// anything else counts for nothing.
import type { SuppressedByRule } from './types';

export function readSuppressedByRules(value: unknown): SuppressedByRule[] {
  if (value === null || value === undefined) return [];
  const single = count(value);
  if (single !== undefined) return single > 0 ? [{ file: '', count: single }] : [];
  const entries: Array<[unknown, unknown]> = Array.isArray(value)
    ? value.map((e) => (isObject(e) ? [e['file'] ?? e['rule'] ?? e['path'], e['count']] : [undefined, undefined]))
    : isObject(value)
      ? Object.entries(value)
      : [];
  const byFile = new Map<string, number>();
  for (const [file, n] of entries) {
    const c = count(n);
    if (!c) continue;
    const key = typeof file === 'string' ? file.trim() : '';
    byFile.set(key, (byFile.get(key) ?? 0) + c);
  }
  return [...byFile].map(([file, c]) => ({ file, count: c }));
}

/** Per rules file, the most any one expert left out: experts see the same code, so their counts overlap. */
export function mergeSuppressedByRules(
  lists: ReadonlyArray<readonly SuppressedByRule[] | undefined>,
): SuppressedByRule[] {
  const most = new Map<string, number>();
  for (const list of lists) for (const s of list ?? []) most.set(s.file, Math.max(most.get(s.file) ?? 0, s.count));
  return [...most].map(([file, c]) => ({ file, count: c }));
}

function count(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+\s*$/.test(value)
        ? Number(value)
        : undefined;
  return n !== undefined && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
