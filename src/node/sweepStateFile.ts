// Where a sweep's saved batch lives. By default outside the work tree (it showed as an untracked file
// there): in the user's cache folder, one folder per repository, one file per sweep key. A cache folder
// rather than .git/: it works for a folder that is no repository, needs no git to find a linked
// worktree's git dir, survives `git clean`, and is where the XDG spec puts state that can be rebuilt
// (here: by paying for the batch again). Files are written atomically, so a process killed mid-write
// leaves the old state or the new one, never half of either.
import { promises as fsp } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeScope, type SweepState, type SweepStateStore } from '../review';
import { shortHash } from './cacheFolder';

/** A saved state that cannot stand for this sweep; the CLI says so as a usage error. */
export class SweepStateConflict extends Error {}

async function readState(file: string): Promise<SweepState | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const state = JSON.parse(text) as Partial<SweepState> & { version?: number };
  if (state.version !== 2 || typeof state.batchId !== 'string' || !state.batchId || typeof state.key !== 'string')
    throw new SweepStateConflict(
      `${file} holds a sweep this version cannot resume${state.batchId ? ` (batch ${state.batchId})` : ''}: collect it with the version that started it, or remove the file to start over.`,
    );
  return state as SweepState;
}

async function writeState(file: string, state: SweepState): Promise<void> {
  await fsp.mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fsp.writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
  await fsp.rename(temp, file);
}

/** One file per sweep key in `folder` (see sweepCacheFolder). */
export interface SweepStateFolder extends SweepStateStore {
  /** Every saved batch, oldest first (the editor resumes them after a reload). */
  pending(): Promise<SweepState[]>;
}

export function sweepStateFolder(folder: string): SweepStateFolder {
  const fileOf = (key: string) => join(folder, `${shortHash(key)}.json`);
  return {
    async load(key) {
      const state = await readState(fileOf(key));
      return state?.key === key ? state : undefined;
    },
    save: (state) => writeState(fileOf(state.key), state),
    clear: (key) => fsp.rm(fileOf(key), { force: true }),
    async pending() {
      const names = await fsp.readdir(folder).catch(() => [] as string[]);
      const states = await Promise.all(
        names.filter((n) => n.endsWith('.json')).map((n) => readState(join(folder, n)).catch(() => undefined)),
      );
      return states.filter((s): s is SweepState => !!s).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}

/**
 * One explicit file (`--state FILE`): it holds one sweep, and refuses to stand for another, which would
 * resume the wrong batch and report the wrong scope.
 */
export const sweepStateFile = (file: string): SweepStateStore => ({
  async load(key) {
    const state = await readState(file);
    if (state && state.key !== key)
      throw new SweepStateConflict(
        `${file} holds batch ${state.batchId} of another sweep (${describeScope(state.scope)}): run that sweep again to collect it, or give another --state (--fresh forgets it).`,
      );
    return state;
  },
  save: (state) => writeState(file, state),
  // --fresh with an explicit file forgets whatever it holds.
  clear: () => fsp.rm(file, { force: true }),
});
