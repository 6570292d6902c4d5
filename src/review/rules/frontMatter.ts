// YAML front matter of scoped instruction files: `applyTo` (Copilot) and `globs`/`alwaysApply` (Cursor).
import { parse } from 'yaml';

export interface FrontMatter {
  /** The parsed header (empty when there is none or it is not valid YAML). */
  data: Record<string, unknown>;
  /** The text after the header. */
  body: string;
  /** Set when a header was present but could not be read. */
  error?: string;
}

const HEADER = /^---[ \t]*\n([\s\S]*?)\n---[ \t]*(?:\n|$)/;

export function readFrontMatter(text: string): FrontMatter {
  const m = HEADER.exec(text);
  if (!m) return { data: {}, body: text };
  const body = text.slice(m[0].length);
  try {
    const value: unknown = parse(m[1]!);
    return {
      data:
        value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {},
      body,
    };
  } catch (err) {
    return { data: {}, body, error: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
  }
}

/** Globs given as a list or as one comma-separated string ("**\/*.ts, **\/*.tsx"). */
export function globList(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items
    .filter((g): g is string => typeof g === 'string')
    .map((g) => g.trim())
    .filter((g) => g !== '');
}
