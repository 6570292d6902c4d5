// Resolves a 'paths' target into candidate files: named files first-class, folders walked in name
// order (deterministic), pruned at excluded folders, stopped after maxFiles files.
import { pathExclusion, type PathRules } from './pathRules';
import { comparePaths, joinPath, toSlash, workspaceRelative } from './paths';
import type { ExcludedFile } from './types';
import type { WorkspaceFs } from './workspaceFs';

export interface PathCandidate {
  path: string;
  /** Named by the user rather than found in a folder; these go first in the budget. */
  explicit: boolean;
}

export interface CollectEnv {
  fs: WorkspaceFs;
  root: string;
  rules: PathRules;
  maxFiles: number;
  signal?: AbortSignal;
}

export interface Collected {
  candidates: PathCandidate[];
  excluded: ExcludedFile[];
}

export async function collectPaths(paths: readonly string[], env: CollectEnv): Promise<Collected> {
  const candidates: PathCandidate[] = [];
  const excluded: ExcludedFile[] = [];
  const walk = { files: 0, stopped: false };

  const walkFolder = async (rel: string): Promise<void> => {
    env.signal?.throwIfAborted();
    let entries: Array<[string, string]>;
    try {
      entries = await env.fs.readDirectory(joinPath(env.root, rel));
    } catch {
      excluded.push({ path: `${rel}/`, reason: 'unreadable', detail: 'folder could not be read' });
      return;
    }
    entries.sort(([a], [b]) => comparePaths(a, b));
    for (const [name, type] of entries) {
      if (walk.stopped) return;
      const child = rel === '' ? name : `${rel}/${name}`;
      if (type === 'directory') {
        const why = await pathExclusion(env.rules, child, true);
        if (why) excluded.push(why);
        else await walkFolder(child);
      } else if (type === 'file') {
        if (walk.files >= env.maxFiles) {
          walk.stopped = true;
          excluded.push({
            path: rel === '' ? './' : `${rel}/`,
            reason: 'max-files',
            detail: `stopped after ${env.maxFiles} files: the rest of this folder and later folders were not read`,
          });
          return;
        }
        walk.files++;
        const why = await pathExclusion(env.rules, child, false);
        if (why) excluded.push(why);
        else candidates.push({ path: child, explicit: false });
      }
      // Symbolic links and special files ('other') are not followed.
    }
  };

  for (const given of paths) {
    env.signal?.throwIfAborted();
    const rel = workspaceRelative(env.root, given);
    if (rel === undefined) {
      excluded.push({ path: toSlash(given), reason: 'outside-workspace', detail: 'not inside the workspace folder' });
      continue;
    }
    let type: string;
    try {
      type = (await env.fs.stat(joinPath(env.root, rel))).type;
    } catch {
      excluded.push({ path: rel, reason: 'not-found', detail: 'no such file or folder' });
      continue;
    }
    if (type === 'directory') {
      const why = rel === '' ? undefined : ((await pathExclusion(env.rules, rel, true)) ?? (await env.rules.policy.realPathExclusion(rel, true)));
      if (why) excluded.push(why);
      else await walkFolder(rel);
    } else if (type === 'file') {
      const why = await pathExclusion(env.rules, rel, false);
      if (why) excluded.push(why);
      else candidates.push({ path: rel, explicit: true });
    } else {
      excluded.push({ path: rel, reason: 'unreadable', detail: 'not a regular file or folder' });
    }
  }
  return { candidates, excluded };
}
