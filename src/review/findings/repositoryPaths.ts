// Where a finding is, for the tools that read a report outside the reviewed folder. Findings carry paths
// relative to the folder a review ran in (`--root`); code scanning, pull-request comments and reviewdog
// read paths relative to the repository root, and SARIF wants them as URI references.

/** `file` (relative to the reviewed folder) as a path from the repository root; `folder` is '' at the top. */
export function repositoryPath(file: string, folder = ''): string {
  let end = folder.length;
  while (end > 0 && folder[end - 1] === '/') end--;
  const base = folder.slice(0, end);
  return base && base !== '.' ? `${base}/${file}` : file;
}

/**
 * A relative path as a URI reference: every segment percent-encoded, so a space, '#', '%', '?' or a
 * non-ASCII letter cannot end or change the reference (`src dir/my file#1.js` → `src%20dir/my%20file%231.js`).
 */
export const relativeUri = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
