// Exclusions decided from a path alone, in a fixed order so the reported reason is predictable:
// always-skipped folders, secret file names, the user's excludes, files.exclude, .gitignore, then
// lock, binary and minified file names.
import { ExcludePatterns } from './excludePatterns';
import type { GitignoreRules } from './gitignoreRules';
import { baseName } from './paths';
import { secretFileNameReason } from './secretFiles';
import { hasBinaryExtension, isLockFile, isMinifiedName, skippedFolderReason } from './skipLists';
import type { ExcludedFile } from './types';

export interface PathRules {
  extraExclude: ExcludePatterns;
  filesExclude: ExcludePatterns;
  /** Undefined when .gitignore files are not honoured. */
  gitignore?: GitignoreRules;
}

/**
 * Why `relPath` is never sent, or undefined. Folders are reported with a trailing '/'.
 * `inWalkedFolder`: the parent folder was itself checked (a folder walk), so only the last name is
 * looked up in the skip list; re-checking every ancestor made a deep walk quadratic.
 */
export async function pathExclusion(rules: PathRules, relPath: string, isFolder: boolean, inWalkedFolder = false): Promise<ExcludedFile | undefined> {
  const shown = isFolder ? `${relPath}/` : relPath;
  const out = (reason: ExcludedFile['reason'], detail: string): ExcludedFile => ({ path: shown, reason, detail });
  const segments = inWalkedFolder ? [baseName(relPath)] : relPath.split('/');
  const folders = isFolder ? segments : segments.slice(0, -1);
  for (const folder of folders) {
    const why = skippedFolderReason(folder);
    if (why) return out('always-skipped', `${folder}/ is ${why}`);
  }
  const name = baseName(relPath);
  if (!isFolder) {
    const secret = secretFileNameReason(name);
    if (secret) return out('secret', secret);
  }
  const user = rules.extraExclude.match(shown);
  if (user) return out('user-exclude', `matches '${user}' in claudeMultiAgent.exclude`);
  const files = rules.filesExclude.match(shown);
  if (files) return out('files-exclude', `matches '${files}' in files.exclude`);
  const git = await rules.gitignore?.match(relPath, isFolder);
  if (git) return out('gitignore', `ignored by ${git}`);
  if (isFolder) return undefined;
  if (isLockFile(name)) return out('lock-file', 'dependency lock file');
  if (hasBinaryExtension(name)) return out('binary', 'binary file type');
  if (isMinifiedName(name)) return out('minified', 'minified file or source map');
  return undefined;
}
