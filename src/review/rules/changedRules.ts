// Which files of a change are rules files: when a diff review reads its rules at the change's base,
// a rules file the change adds, edits or deletes is not applied, and the review says so.
import { baseName, parentFolder } from '../../policy';
import { NESTED_FILE_NAMES, ROOT_FILES, SCOPED_FOLDERS } from './kinds';
import type { RulesSettings } from './types';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Whether `path` (relative, forward slashes) is where a rules file of an enabled kind, or an extra one, lives. */
export function isRulesFilePath(path: string, settings: RulesSettings): boolean {
  const kinds = new Set(settings.kinds);
  const name = baseName(path);
  const folder = parentFolder(path);
  return (
    ROOT_FILES.some(([kind, file]) => kinds.has(kind) && same(path, file)) ||
    NESTED_FILE_NAMES.some(([kind, file]) => kinds.has(kind) && same(name, file)) ||
    SCOPED_FOLDERS.some(
      ([kind, dir, suffix]) => kinds.has(kind) && same(folder, dir) && name.toLowerCase().endsWith(suffix),
    ) ||
    settings.extraPaths.some((extra) =>
      same(extra.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, ''), path),
    )
  );
}

/** The rules files among the paths a change touches (old and new names), each once, in order. */
export function changedRulesFiles(paths: Iterable<string | undefined>, settings: RulesSettings): string[] {
  const out = new Set<string>();
  for (const path of paths) if (path && isRulesFilePath(path, settings)) out.add(path);
  return [...out];
}
