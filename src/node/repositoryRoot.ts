// Where the reviewed folder sits in its repository. Findings carry paths relative to the folder a review
// ran in (`--root`, or the working directory); code scanning, pull requests and reviewdog want paths
// from the repository root. Found by the nearest `.git` above, without running git.
import { relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toSlash } from '../policy';
import { workTreeTop } from './repoGit';

export interface RepositoryLocation {
  /** The folder relative to the repository root, with forward slashes; '' at the top or outside a repository. */
  folder: string;
  /** The repository root as a `file:` URI ending in '/', when the folder is in one. */
  rootUri?: string;
}

export function repositoryLocation(folder: string): RepositoryLocation {
  const at = resolve(folder);
  const top = workTreeTop(at);
  if (!top) return { folder: '' };
  return { folder: toSlash(relative(top, at)), rootUri: pathToFileURL(top.endsWith(sep) ? top : top + sep).href };
}
