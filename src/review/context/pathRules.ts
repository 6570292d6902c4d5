// Exclusions decided from a path alone, in a fixed order so the reported reason is predictable:
// always-skipped folders, then the content policy (version-control metadata, secret file names, the user's excludes,
// files.exclude, .gitignore, global git excludes), then the project's instruction files when
// asked (a sweep), then lock, binary and minified file names.
import type { ContentPolicy } from '../../policy';
import type { GitignoreRules } from './gitignoreRules';
import { baseName } from './paths';
import { hasBinaryExtension, isLockFile, isMinifiedName, skippedFolderReason } from './skipLists';
import type { ExcludedFile } from './types';

export interface PathRules {
  /** The one gate for what may be sent (see src/policy). */
  policy: ContentPolicy;
  /** The same .gitignore rules the policy consults; the folder walk tells them which folders have one. */
  gitignore?: GitignoreRules;
  /** Why a file is one of the project's instruction files (context, not code), when they are left out. */
  instructions?: (relPath: string) => string | undefined;
}

/**
 * Why `relPath` is never sent, or undefined. Folders are reported with a trailing '/'.
 * `inWalkedFolder`: the parent folder was itself checked (a folder walk), so only the last name is
 * looked up in the skip list; re-checking every ancestor made a deep walk quadratic.
 */
export async function pathExclusion(
  rules: PathRules,
  relPath: string,
  isFolder: boolean,
  inWalkedFolder = false,
): Promise<ExcludedFile | undefined> {
  const shown = isFolder ? `${relPath}/` : relPath;
  const out = (reason: ExcludedFile['reason'], detail: string): ExcludedFile => ({ path: shown, reason, detail });
  const segments = inWalkedFolder ? [baseName(relPath)] : relPath.split('/');
  const folders = isFolder ? segments : segments.slice(0, -1);
  for (const folder of folders) {
    const why = skippedFolderReason(folder);
    if (why) return out('always-skipped', `${folder}/ is ${why}`);
  }
  const policy = await rules.policy.pathExclusion(relPath, isFolder);
  if (policy) return policy;
  if (isFolder) return undefined;
  const name = baseName(relPath);
  const instructions = rules.instructions?.(relPath);
  if (instructions) return out('instructions', instructions);
  if (isLockFile(name)) return out('lock-file', 'dependency lock file');
  if (hasBinaryExtension(name)) return out('binary', 'binary file type');
  if (isMinifiedName(name)) return out('minified', 'minified file or source map');
  return undefined;
}
