// Resolves a 'paths' target into candidate files: named files first-class, folders walked in name
// order (deterministic), pruned at excluded folders, stopped after maxFiles files.
// The walk itself is depth-first and sequential (so the cap always stops at the same file), but the
// listings of the next few subfolders are requested ahead, so a slow file system is not waited on
// one call at a time.
import { pathExclusion, type PathRules } from './pathRules';
import { comparePaths, joinPath, toSlash, workspaceRelative } from './paths';
import type { ExcludedFile } from './types';
import type { FsEntryType, WorkspaceFs } from './workspaceFs';

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
  /** Told how many files have been found so far (named or walked), every REPORT_EVERY files and at the end. */
  onFound?: (files: number) => void;
}

export interface Collected {
  candidates: PathCandidate[];
  excluded: ExcludedFile[];
}

/** Subfolder listings requested ahead of the walk: enough to keep the bounded file system busy. */
const LIST_AHEAD = 8;
const REPORT_EVERY = 100;

type Listing = Array<[string, FsEntryType]>;

export async function collectPaths(paths: readonly string[], env: CollectEnv): Promise<Collected> {
  const candidates: PathCandidate[] = [];
  const excluded: ExcludedFile[] = [];
  const walk = { files: 0, stopped: false };
  let named = 0;
  const listings = new Map<string, Promise<Listing | undefined>>();

  /** Starts (once) reading a folder; the listing also tells the .gitignore rules which folders have one. */
  const list = (rel: string): Promise<Listing | undefined> => {
    let listing = listings.get(rel);
    if (!listing) {
      listing = env.fs.readDirectory(joinPath(env.root, rel)).then(
        (entries) => {
          entries.sort(([a], [b]) => comparePaths(a, b));
          env.rules.gitignore?.noteListing(rel, entries);
          return entries;
        },
        () => undefined,
      );
      listings.set(rel, listing);
    }
    return listing;
  };

  const walkFolder = async (rel: string): Promise<void> => {
    env.signal?.throwIfAborted();
    const entries = await list(rel);
    listings.delete(rel);
    env.signal?.throwIfAborted();
    if (!entries) {
      excluded.push({ path: `${rel}/`, reason: 'unreadable', detail: 'folder could not be read' });
      return;
    }
    const childOf = (name: string) => (rel === '' ? name : `${rel}/${name}`);
    // Folders are decided up front so the ones to walk can be listed ahead of the walk.
    const toWalk: string[] = [];
    const folderVerdicts = new Map<string, ExcludedFile | undefined>();
    for (const [name, type] of entries) {
      if (type !== 'directory') continue;
      const child = childOf(name);
      const why = await pathExclusion(env.rules, child, true, true);
      folderVerdicts.set(name, why);
      if (!why) toWalk.push(child);
    }
    let nextToWalk = 0;
    for (const [name, type] of entries) {
      if (walk.stopped) return;
      const child = childOf(name);
      if (type === 'directory') {
        const why = folderVerdicts.get(name);
        if (why) {
          excluded.push(why);
          continue;
        }
        for (const ahead of toWalk.slice(nextToWalk, nextToWalk + LIST_AHEAD)) void list(ahead);
        nextToWalk++;
        await walkFolder(child);
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
        if (walk.files % REPORT_EVERY === 0) env.onFound?.(named + walk.files);
        const why = await pathExclusion(env.rules, child, false, true);
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
      const why =
        rel === ''
          ? undefined
          : ((await pathExclusion(env.rules, rel, true)) ?? (await env.rules.policy.realPathExclusion(rel, true)));
      if (why) excluded.push(why);
      else await walkFolder(rel);
    } else if (type === 'file') {
      named++;
      const why = await pathExclusion(env.rules, rel, false);
      if (why) excluded.push(why);
      else candidates.push({ path: rel, explicit: true });
    } else {
      excluded.push({ path: rel, reason: 'unreadable', detail: 'not a regular file or folder' });
    }
  }
  env.onFound?.(named + walk.files);
  return { candidates, excluded };
}
