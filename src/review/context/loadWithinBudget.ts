// Takes candidates strictly in order (whether a file fits depends on what the earlier ones used),
// while the stats and reads of the next few run ahead on the bounded file system. Nothing is
// stat-ed once the budget cannot hold even the smallest listing of a file, and nothing is read
// whose size alone proves it cannot fit.
import { admit, type Budget, type Loaded, type Rendered } from './assembly';
import type { PathCandidate } from './collectPaths';
import { joinPath } from './paths';
import { listingTokenFloor } from './renderListing';
import type { ExcludedFile } from './types';
import type { WorkspaceFs } from './workspaceFs';

export interface BudgetedLoadEnv {
  fs: WorkspaceFs;
  root: string;
  maxFileBytes: number;
  budget: Budget;
  signal?: AbortSignal;
  /** Reads one file of known size and decides whether it may be sent (the per-file policy). */
  load: (path: string, bytes: number) => Promise<Loaded>;
  /** Told how many files have been read so far, every REPORT_EVERY files. */
  onRead?: (files: number) => void;
}

/** Candidates whose stat (and, when they plausibly fit, read) may run ahead of the one being admitted. */
const LOOKAHEAD = 16;
const REPORT_EVERY = 25;

interface Ahead {
  /** Size in bytes (undefined when the file could not be stat-ed); not started for a file reached first by the loop. */
  size: Promise<number | undefined> | undefined;
  content?: Promise<Loaded>;
  /** The likely cost of `content`, held back from other read-aheads until this file is admitted. */
  reserved: number;
  /** Its turn has come: no read is started ahead any more. */
  due: boolean;
}

export async function loadWithinBudget(
  ordered: readonly PathCandidate[],
  env: BudgetedLoadEnv,
  excluded: ExcludedFile[],
): Promise<Rendered[]> {
  const { budget } = env;
  const rendered: Rendered[] = [];
  const ahead = new Map<number, Ahead>();
  let reserved = 0;
  let started = 0;
  let read = 0;

  // Reading ahead is a guess (the files before may use the budget up), so it is only done for a file
  // that should fit even if every read ahead of it is taken; any other file waits for its turn.
  const readAhead = (path: string, bytes: number, entry: Ahead): void => {
    const likely = likelyTokens(path, bytes);
    if (entry.due || bytes > env.maxFileBytes || likely > budget.left - reserved) return;
    entry.content = env.load(path, bytes);
    entry.content.catch(() => undefined); // An abort rejects it; the admitting loop sees that, not the process.
    entry.reserved = likely;
    reserved += likely;
  };
  const start = (path: string): Ahead => {
    const entry: Ahead = { size: undefined, reserved: 0, due: false };
    entry.size = env.fs.stat(joinPath(env.root, path)).then(
      (s) => {
        readAhead(path, s.size, entry);
        return s.size;
      },
      () => undefined,
    );
    return entry;
  };

  for (let i = 0; i < ordered.length; i++) {
    env.signal?.throwIfAborted();
    for (; started < Math.min(ordered.length, i + LOOKAHEAD); started++) {
      const next = ordered[started]!.path;
      if (listingTokenFloor(next) <= budget.left) ahead.set(started, start(next));
    }
    const { path } = ordered[i]!;
    const entry = ahead.get(i) ?? { size: undefined, reserved: 0, due: true };
    ahead.delete(i);
    entry.due = true;
    reserved -= entry.reserved;
    if (listingTokenFloor(path) > budget.left) {
      excluded.push(budget.spentExclusion(path));
      continue;
    }
    const bytes = await (entry.size ?? statSize(env, path));
    if (bytes === undefined) {
      excluded.push({ path, reason: 'unreadable', detail: 'file could not be read' });
      continue;
    }
    if (bytes > env.maxFileBytes) {
      excluded.push({
        path,
        reason: 'too-large',
        detail: `${kib(bytes)} is over the ${kib(env.maxFileBytes)} limit`,
        bytes,
      });
      continue;
    }
    if (listingTokenFloor(path, bytes) > budget.left) {
      excluded.push(budget.exclusion(path, Math.ceil(bytes / 4), bytes));
      continue;
    }
    env.signal?.throwIfAborted();
    admit(await (entry.content ?? env.load(path, bytes)), budget, rendered, excluded);
    if (++read % REPORT_EVERY === 0) env.onRead?.(read);
  }
  // A call the abort cut short reads as "unreadable": make sure no such result is returned.
  env.signal?.throwIfAborted();
  env.onRead?.(read);
  return rendered;
}

/** A generous guess at a listing's cost: code lines of 18+ bytes cost less than a token per 3 bytes. */
function likelyTokens(path: string, bytes: number): number {
  return listingTokenFloor(path) + Math.ceil(bytes / 3);
}

function statSize(env: BudgetedLoadEnv, path: string): Promise<number | undefined> {
  return env.fs.stat(joinPath(env.root, path)).then(
    (s) => s.size,
    () => undefined,
  );
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}
