// Path handling with forward slashes throughout, so output paths and ignore rules behave the same on
// every platform (node:fs and vscode.Uri.file both accept forward slashes on Windows).
import { posix } from 'node:path';

export function toSlash(p: string): string {
  return p.replace(/\\/g, '/');
}

function isAbsolute(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

/** Normalised absolute root without a trailing slash (except a bare '/' or 'C:/'). */
export function normaliseRoot(root: string): string {
  const n = posix.normalize(toSlash(root));
  return n.length > 1 && n.endsWith('/') && !/^[A-Za-z]:\/$/.test(n) ? n.slice(0, -1) : n;
}

/** Joins a workspace-relative path onto the root ('' is the root itself). */
export function joinPath(root: string, rel: string): string {
  if (rel === '') return root;
  return root.endsWith('/') ? root + rel : `${root}/${rel}`;
}

/**
 * The workspace-relative form of `p` (absolute or already relative), or undefined when it lies
 * outside the root. Windows drive letters compare case-insensitively.
 */
export function workspaceRelative(root: string, p: string): string | undefined {
  const slashed = toSlash(p);
  if (!isAbsolute(slashed)) {
    const normalised = posix.normalize(slashed).replace(/\/$/, '');
    const rel = normalised === '.' ? '' : normalised;
    return rel === '..' || rel.startsWith('../') ? undefined : rel;
  }
  const abs = posix.normalize(slashed).replace(/\/$/, '');
  const sameCase = (a: string) => (/^[A-Za-z]:/.test(a) ? a[0]!.toLowerCase() + a.slice(1) : a);
  const a = sameCase(abs);
  const r = sameCase(root);
  if (a === r) return '';
  const prefix = r.endsWith('/') ? r : `${r}/`;
  return a.startsWith(prefix) ? a.slice(prefix.length) : undefined;
}

export function baseName(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? rel : rel.slice(i + 1);
}

/** The folder holding `rel`: 'a/b/c.ts' → 'a/b', 'c.ts' → '' (the root). */
export function parentFolder(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

/** Code-unit order, independent of locale, so output is byte-identical everywhere. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
