// Persistence of follow-up chat threads, one entry per file, in a Memento-shaped key-value store
// (the extension passes context.workspaceState). Pure: no `vscode` import.
import { redact } from '../core';
//
// Layout (all keys under `prefix`, default 'claudeMultiAgent.chat'):
//   <prefix>.index            { v: 1, threads: [{ key, updatedAt }] }   which threads exist, for eviction
//   <prefix>.thread:<fileKey> { v: 1, key, label?, turns, omittedExchanges?, updatedAt }
//   <prefix>.corrupt          [{ storageKey, reason, value, at }]          entries set aside, newest last
// Whatever is loaded is validated; a corrupt entry is moved to `.corrupt`, reported through
// `onProblem`, and never stops the other threads from loading.

/** The part of vscode.Memento the store needs (Thenable is structurally a PromiseLike). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
  /** Optional (vscode.Memento has it): lets a lost index be rebuilt. */
  keys?(): readonly string[];
}

export type TurnStatus = 'streaming' | 'completed' | 'interrupted' | 'failed';

export interface StoredTurn {
  role: 'user' | 'assistant';
  text: string;
  /** Assistant turns only. */
  status?: TurnStatus;
  /** Why a turn failed or stopped, or a limit it hit. */
  note?: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface StoredThread {
  /** The file's URI string. */
  key: string;
  /** What the user sees as the file's name (workspace-relative path). */
  label?: string;
  turns: StoredTurn[];
  /** Exchanges at the start no longer sent to the model (for the notice after a reload). */
  omittedExchanges?: number;
  updatedAt: number;
}

export interface ThreadStoreOptions {
  prefix?: string;
  /** Threads kept; the least recently updated are evicted beyond this (default 50). */
  maxThreads?: number;
  /** Turns kept per thread; the oldest are dropped beyond this (default 200). */
  maxTurns?: number;
  /** saveSoon writes at most once per this interval (default 500 ms). */
  saveIntervalMs?: number;
  /** Corrupt entries kept under `.corrupt` (default 20). */
  maxCorrupt?: number;
  /** Told about corrupt entries and failed writes, in words for a log or a notification. */
  onProblem?: (message: string) => void;
  /** Keys to redact from questions and notes before they are stored (key-shaped text always is). */
  secrets?: () => readonly string[];
  now?: () => number;
}

interface IndexEntry {
  key: string;
  updatedAt: number;
}

interface CorruptEntry {
  storageKey: string;
  reason: string;
  value: unknown;
  at: number;
}

const VERSION = 1;
const STATUSES: readonly TurnStatus[] = ['streaming', 'completed', 'interrupted', 'failed'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Why `value` is not a stored thread for `key`, or undefined when it is one. */
export function threadProblem(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return 'not an object';
  if (value['v'] !== VERSION) return `unknown format version ${JSON.stringify(value['v'])}`;
  if (value['key'] !== key) return 'its key does not match where it is stored';
  if (value['label'] !== undefined && typeof value['label'] !== 'string') return 'label is not a string';
  if (!isTime(value['updatedAt'])) return 'updatedAt is not a time';
  const omitted = value['omittedExchanges'];
  if (omitted !== undefined && !(Number.isInteger(omitted) && (omitted as number) >= 0))
    return 'omittedExchanges is not a count';
  const turns = value['turns'];
  if (!Array.isArray(turns)) return 'turns is not a list';
  for (let i = 0; i < turns.length; i++) {
    const problem = turnProblem(turns[i]);
    if (problem) return `turn ${i + 1}: ${problem}`;
  }
  return undefined;
}

function turnProblem(turn: unknown): string | undefined {
  if (!isRecord(turn)) return 'not an object';
  if (turn['role'] !== 'user' && turn['role'] !== 'assistant') return 'role is neither user nor assistant';
  if (typeof turn['text'] !== 'string') return 'text is not a string';
  if (!isTime(turn['at'])) return 'at is not a time';
  if (turn['status'] !== undefined && !STATUSES.includes(turn['status'] as TurnStatus)) return 'unknown status';
  if (turn['note'] !== undefined && typeof turn['note'] !== 'string') return 'note is not a string';
  return undefined;
}

function indexProblem(value: unknown): string | undefined {
  if (!isRecord(value) || value['v'] !== VERSION || !Array.isArray(value['threads'])) return 'not an index';
  for (const e of value['threads'] as unknown[]) {
    if (!isRecord(e) || typeof e['key'] !== 'string' || !isTime(e['updatedAt'])) return 'an entry is malformed';
  }
  return undefined;
}

/** Keeps the last `max` turns, never starting on a reply whose question was dropped. */
export function capTurns(turns: readonly StoredTurn[], max: number): StoredTurn[] {
  if (turns.length <= max) return [...turns];
  const kept = turns.slice(turns.length - max);
  while (kept.length && kept[0]!.role === 'assistant') kept.shift();
  return kept;
}

/** A reply that was streaming when VS Code closed is shown as interrupted (or failed if empty). */
function settle(turn: StoredTurn): StoredTurn {
  if (turn.status !== 'streaming') return turn;
  return turn.text
    ? { ...turn, status: 'interrupted', note: 'The reply was cut off when the window closed.' }
    : { ...turn, status: 'failed', note: 'No reply arrived before the window closed.' };
}

export class ThreadStore {
  private readonly prefix: string;
  private readonly maxThreads: number;
  private readonly maxTurns: number;
  private readonly interval: number;
  private readonly maxCorrupt: number;
  private readonly now: () => number;
  private readonly pending = new Map<string, StoredThread>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private chain: Promise<void> = Promise.resolve();
  private disposed = false;
  /** Corrupt values already reported, so a second look does not report them again. */
  private readonly setAsideSeen = new Set<string>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly options: ThreadStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'claudeMultiAgent.chat';
    this.maxThreads = Math.max(1, options.maxThreads ?? 50);
    this.maxTurns = Math.max(2, options.maxTurns ?? 200);
    this.interval = Math.max(0, options.saveIntervalMs ?? 500);
    this.maxCorrupt = Math.max(1, options.maxCorrupt ?? 20);
    this.now = options.now ?? Date.now;
  }

  get indexKey(): string {
    return `${this.prefix}.index`;
  }

  get corruptKey(): string {
    return `${this.prefix}.corrupt`;
  }

  storageKey(key: string): string {
    return `${this.prefix}.thread:${key}`;
  }

  /** The thread stored for `key` (a copy), or undefined when there is none or it was corrupt. */
  load(key: string): StoredThread | undefined {
    const pending = this.pending.get(key);
    if (pending) return this.snapshot(pending);
    const storageKey = this.storageKey(key);
    const raw = this.store.get<unknown>(storageKey);
    if (raw === undefined) return undefined;
    const problem = threadProblem(raw, key);
    if (problem) {
      this.setAside(storageKey, raw, problem);
      return undefined;
    }
    const value = structuredClone(raw) as StoredThread & { v?: number };
    delete value.v;
    value.turns = value.turns.map(settle);
    return value;
  }

  /** Every stored thread, most recently updated first; corrupt ones are set aside and skipped. */
  loadAll(): StoredThread[] {
    const out: StoredThread[] = [];
    for (const { key } of this.readIndex()) {
      const thread = this.load(key);
      if (thread) out.push(thread);
    }
    return out.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** File keys with a stored thread, most recently updated first. */
  keys(): string[] {
    return this.readIndex()
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .map((e) => e.key);
  }

  /**
   * Persists `thread` soon: at most once per interval, whatever the number of calls, so a reply
   * can be saved on every chunk. The thread is read when the write happens (its latest state).
   */
  saveSoon(thread: StoredThread): void {
    if (this.disposed) return;
    this.pending.set(thread.key, thread);
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + this.interval - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writePending();
    }, wait);
  }

  /** Persists `thread` now (and anything else pending). */
  save(thread: StoredThread): Promise<void> {
    this.pending.set(thread.key, thread);
    return this.flush();
  }

  /** Writes everything pending; resolves when every write so far is done. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    return this.writePending();
  }

  async delete(key: string): Promise<void> {
    this.pending.delete(key);
    await this.enqueue(async () => {
      await this.store.update(this.storageKey(key), undefined);
      await this.writeIndex(this.readIndex().filter((e) => e.key !== key));
    });
  }

  /** Entries set aside as corrupt (newest last), for diagnostics. */
  corruptEntries(): ReadonlyArray<{ storageKey: string; reason: string; at: number }> {
    const list = this.store.get<unknown>(this.corruptKey);
    return Array.isArray(list)
      ? (list as CorruptEntry[]).map(({ storageKey, reason, at }) => ({ storageKey, reason, at }))
      : [];
  }

  /** Writes what is pending and stops accepting throttled saves. */
  async dispose(): Promise<void> {
    await this.flush();
    this.disposed = true;
  }

  private snapshot(thread: StoredThread): StoredThread {
    const copy: StoredThread = {
      key: thread.key,
      turns: capTurns(thread.turns, this.maxTurns).map((t) => ({ ...t })),
      updatedAt: thread.updatedAt,
    };
    if (thread.label !== undefined) copy.label = thread.label;
    if (thread.omittedExchanges) copy.omittedExchanges = thread.omittedExchanges;
    return copy;
  }

  /** Questions and notes (errors can quote a request) never reach workspace storage with a key in them. */
  private redacted(thread: StoredThread): StoredThread {
    const secrets = this.options.secrets?.() ?? [];
    for (const turn of thread.turns) {
      if (turn.role === 'user') turn.text = redact(turn.text, secrets);
      if (turn.note !== undefined) turn.note = redact(turn.note, secrets);
    }
    return thread;
  }

  private writePending(): Promise<void> {
    if (this.pending.size === 0) return this.chain;
    const batch = [...this.pending.values()];
    this.pending.clear();
    this.lastWrite = this.now();
    return this.enqueue(async () => {
      const index = this.readIndex();
      for (const thread of batch) {
        const value = { v: VERSION, ...this.redacted(this.snapshot(thread)) };
        await this.store.update(this.storageKey(thread.key), value);
        const at = index.findIndex((e) => e.key === thread.key);
        if (at >= 0) index.splice(at, 1);
        index.push({ key: thread.key, updatedAt: thread.updatedAt });
      }
      index.sort((a, b) => a.updatedAt - b.updatedAt);
      const evicted = index.splice(0, Math.max(0, index.length - this.maxThreads));
      for (const e of evicted) await this.store.update(this.storageKey(e.key), undefined);
      await this.writeIndex(index);
    });
  }

  /** Runs writes one after another; a failed write is reported and does not block later ones. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((err: unknown) => {
      this.options.onProblem?.(`Could not save the chat history: ${err instanceof Error ? err.message : String(err)}`);
    });
    return this.chain;
  }

  private readIndex(): IndexEntry[] {
    const raw = this.store.get<unknown>(this.indexKey);
    if (raw === undefined) return this.rebuildIndex();
    const problem = indexProblem(raw);
    if (problem) {
      this.setAside(this.indexKey, raw, problem);
      return this.rebuildIndex();
    }
    const seen = new Set<string>();
    return (raw as { threads: IndexEntry[] }).threads
      .filter((e) => !seen.has(e.key) && seen.add(e.key))
      .map((e) => ({ key: e.key, updatedAt: e.updatedAt }));
  }

  /** Finds thread entries by their keys when the store can list them (vscode.Memento can). */
  private rebuildIndex(): IndexEntry[] {
    const threadPrefix = this.storageKey('');
    const keys = this.store.keys?.() ?? [];
    const entries: IndexEntry[] = [];
    for (const storageKey of keys) {
      if (!storageKey.startsWith(threadPrefix)) continue;
      const raw = this.store.get<unknown>(storageKey);
      const key = storageKey.slice(threadPrefix.length);
      if (raw !== undefined && !threadProblem(raw, key))
        entries.push({ key, updatedAt: (raw as StoredThread).updatedAt });
    }
    return entries;
  }

  private async writeIndex(entries: IndexEntry[]): Promise<void> {
    await this.store.update(this.indexKey, { v: VERSION, threads: entries });
  }

  private setAside(storageKey: string, value: unknown, reason: string): void {
    const serialised = safeJson(value);
    const marker = `${storageKey}\u0000${serialised}`;
    if (this.setAsideSeen.has(marker)) return;
    this.setAsideSeen.add(marker);
    const name = storageKey === this.indexKey ? 'the chat thread index' : `the chat thread stored as ${storageKey}`;
    this.options.onProblem?.(
      `Set aside ${name} because it is corrupt (${reason}); it was kept under ${this.corruptKey}.`,
    );
    void this.enqueue(async () => {
      const existing = this.store.get<unknown>(this.corruptKey);
      const list = Array.isArray(existing) ? (existing as CorruptEntry[]) : [];
      const next = [...list, { storageKey, reason, value, at: this.now() }].slice(-this.maxCorrupt);
      await this.store.update(this.corruptKey, next);
      // Only remove it if nothing has replaced it meanwhile (a new save, a rebuilt index).
      if (safeJson(this.store.get<unknown>(storageKey)) === serialised) await this.store.update(storageKey, undefined);
    });
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'undefined';
  } catch {
    return String(value);
  }
}
