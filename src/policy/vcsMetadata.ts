// Version-control metadata folders: never sent and never written, by any reader. `.git/config` holds
// what actions/checkout leaves there (an `http.extraheader` with the job's token), hooks run on the
// next commit, and the object store is the whole history, deleted secrets included.

const VCS_FOLDERS: ReadonlyMap<string, string> = new Map([
  ['.git', 'Git'],
  ['.hg', 'Mercurial'],
  ['.svn', 'Subversion'],
  ['.jj', 'Jujutsu'],
  ['.bzr', 'Bazaar'],
  ['_darcs', 'Darcs'],
  ['.pijul', 'Pijul'],
  ['.fslckout', 'Fossil'],
  ['_fossil_', 'Fossil'],
]);

/**
 * The name as a case-insensitive file system sees it: `.GIT`, `.git.` and `.git ` (Windows drops
 * trailing dots and spaces) all open `.git`, and so does its 8.3 short name `GIT~1`.
 */
function canonicalName(name: string): string {
  let end = name.length;
  while (end > 1 && (name[end - 1] === '.' || name[end - 1] === ' ')) end--;
  const lower = name.slice(0, end).toLowerCase();
  return lower === 'git~1' ? '.git' : lower;
}

/** The version-control system whose metadata folder `name` is, or undefined. */
export function vcsFolderName(name: string): string | undefined {
  // CVS's folder is upper-case by convention; a lower-case `cvs/` is an ordinary folder.
  return name === 'CVS' ? 'CVS' : VCS_FOLDERS.get(canonicalName(name));
}

/**
 * Why `path` (workspace-relative or absolute, '/'-separated) lies in a version-control metadata
 * folder, or undefined. Every folder on the path counts; the last segment only when `isFolder`
 * (a file named `.git` in a worktree is a one-line pointer, not metadata).
 */
export function vcsMetadataReason(path: string, isFolder: boolean): string | undefined {
  const segments = path.split('/');
  const folders = isFolder ? segments : segments.slice(0, -1);
  for (const segment of folders) {
    const system = vcsFolderName(segment);
    if (system) return `${segment}/ is ${system} metadata (never sent or edited)`;
  }
  return undefined;
}
