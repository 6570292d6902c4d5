// The safe runner for one repository folder, as the command line uses it: in CI the folder is a pull
// request's head, as untrusted as a workspace the editor has not trusted. Git is never taken from the
// folder, the given working directories or the work tree around them (a PR could add `bin/git`), and the
// safe runner switches off every program a repository's config can name.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createGitRunner, type GitRunner } from './safeGit';

/** The nearest folder at or above `dir` holding a `.git` (a work tree's top), or undefined. */
export function workTreeTop(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

export function repositoryGit(root: string, ...alsoUntrusted: string[]): GitRunner {
  const folders = [root, ...alsoUntrusted];
  const tops = folders.map(workTreeTop).filter((t): t is string => t !== undefined);
  return createGitRunner({ untrustedRoots: [...folders, ...tops] });
}
