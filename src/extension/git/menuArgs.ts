// What VS Code's menus hand a "review this commit" command, read without trusting its shape: the
// timeline passes (item, uri, source) where git's items carry the commit in `ref` and `id`; the
// Source Control graph passes (sourceControl, historyItem) with the commit in `historyItem.id`.
// The palette passes nothing. No vscode import, so it is unit-tested as is.

const COMMIT_ID = /^[0-9a-f]{7,64}$/i;

const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** The first commit id found in the arguments (`ref` before `id`), or undefined. */
export function commitFromMenuArgs(args: readonly unknown[]): string | undefined {
  for (const arg of args) {
    for (const key of ['ref', 'id']) {
      const value = field(arg, key);
      if (typeof value === 'string' && COMMIT_ID.test(value)) return value;
    }
  }
  return undefined;
}

/** A `rootUri` carried by an argument (a SourceControl), untyped. */
export function rootUriFromMenuArgs(args: readonly unknown[]): unknown {
  for (const arg of args) {
    const root = field(arg, 'rootUri');
    if (root !== undefined) return root;
  }
  return undefined;
}
