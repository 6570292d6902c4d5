// The follow-up chat, editor-independent: one thread per file, what each thread shows (its turns, its
// notices, whether a reply streams), and asking in one: the file's context under the content policy,
// the prompt, the streamed reply (batched for a view), usage, errors and retry notices. A shell gives
// it ports (connect, read the file, findings) and shows what its events say. Pure: no `vscode` import.
import { formatUsd, redact, retryNote, type Logger } from '../core';
import type { ReviewedCode } from '../review';
import { ChatBusyError, type ChatRuntime, type ChatSendResult, type ChatSession, ChatSessions } from './chatSession';
import { buildChatPrompt, type ChatFinding, type ChatPrompt } from './chatSystem';
import { describeFileContext, gatherFileContext, type FileContextInput } from './fileContext';
import { TextBatcher } from './textBatcher';
import type { StoredTurn, ThreadStore } from './threadStore';

/** A file's thread: its key (the file's URI) and how the file is named to the user and the model. */
export interface ChatTarget {
  key: string;
  label: string;
}

/** What a view shows of one thread. */
export interface ThreadSnapshot {
  turns: StoredTurn[];
  notice?: string;
  busy: boolean;
}

/** What changed in a thread, for the views showing it (a view shows one thread, and ignores the others). */
export type ChatEvent =
  /** Start over from `snapshot(key)`: a turn began, or a question was refused. */
  | { type: 'thread'; key: string }
  /** More of the streaming reply (batched: about 30 a second). */
  | { type: 'append'; key: string; text: string }
  /** The reply ended; the thread is no longer busy. */
  | { type: 'turnDone'; key: string; status: ChatSendResult['status']; note?: string }
  /** The thread's notice changed (`snapshot(key).notice`). */
  | { type: 'notice'; key: string };

/** The settings a question is sent with, read when it is asked. */
export interface ChatConnection {
  runtime: Omit<ChatRuntime, 'logger'>;
  /** The contextTokenBudget setting. */
  budgetTokens: number;
  exclude: string[];
}

export interface FollowUpChatPorts<T extends ChatTarget> {
  store: ThreadStore;
  /** Reads the settings and connects; undefined when no API key is set (nothing is sent then). */
  connect(): Promise<ChatConnection | undefined>;
  /** The file's current text and where it lives, for the content policy. May throw (unreadable). */
  readFile(target: T): Promise<Omit<FileContextInput, 'budgetTokens' | 'exclude'>>;
  /** The latest review findings for the file. */
  findings(target: T): readonly ChatFinding[];
  /** A recent review of exactly this text, whose cached prefix the chat then reads. */
  reviewedCode?(path: string): ReviewedCode | undefined;
  /** Secrets to keep out of anything shown or logged (the API key). */
  secrets(): readonly string[];
  logger: Logger;
  onEvent(event: ChatEvent): void;
}

/** How a caller other than the view (the editor's `@experts`) follows a turn it asked. */
export interface AskHooks {
  signal?: AbortSignal;
  onText?: (chunk: string) => void;
  /** The turn ended; `note` says why it failed or stopped, or why nothing was sent. */
  onDone?: (status: 'completed' | 'interrupted' | 'failed', note?: string) => void;
}

/** At most about 30 `append` events a second. */
const APPEND_INTERVAL_MS = 33;

export const NO_API_KEY_NOTICE =
  'No API key is set, so nothing was sent. Run "Claude Multi-Agent: Set Anthropic API key".';
const STOPPED_BEFORE_SENT = 'Stopped before the question was sent.';
export const BUSY_NOTICE = 'A reply is still streaming in this thread: stop it or wait for it before asking again.';

interface Running {
  controller: AbortController;
  batcher: TextBatcher;
}

/** `T`: the shell's target, which knows more of the file than its key and label (the editor's URI). */
export class FollowUpChat<T extends ChatTarget = ChatTarget> {
  private readonly sessions: ChatSessions;
  /** Threads with a question being prepared or a reply streaming. */
  private readonly running = new Map<string, Running>();
  /** Why a file's text was kept back (which file, which rule), shown with its thread. */
  private readonly fileNotes = new Map<string, string>();
  /** A transient notice per file (a retry, a refusal), shown until the next turn ends. */
  private readonly transient = new Map<string, string>();

  constructor(private readonly ports: FollowUpChatPorts<T>) {
    this.sessions = new ChatSessions(ports.store);
  }

  /**
   * The whole thread of `target`. A view that shows it has every chunk so far, so text still waiting
   * to be appended is dropped.
   */
  snapshot(target: ChatTarget): ThreadSnapshot {
    const session = this.session(target);
    this.running.get(target.key)?.batcher.discard();
    const notice = this.noticeFor(target.key);
    return { turns: session.turns, busy: this.isBusy(target.key), ...(notice && { notice }) };
  }

  /** The notices of a thread, joined: transient, history, file. */
  noticeFor(key: string): string | undefined {
    const session = this.sessions.has(key) ? this.sessions.get(key) : undefined;
    const parts = [this.transient.get(key), session?.notice, this.fileNotes.get(key)].filter((p): p is string =>
      Boolean(p),
    );
    return parts.length ? parts.join(' ') : undefined;
  }

  /** Whether the thread holds anything to forget. */
  hasConversation(target: ChatTarget): boolean {
    return this.session(target).turns.length > 0 || this.isBusy(target.key);
  }

  /** Stops the question being prepared or the reply streaming in the thread of `key`. */
  stop(key: string): void {
    this.running.get(key)?.controller.abort();
  }

  /** Forgets the thread of `target` (stopping its reply first). */
  async clear(target: ChatTarget): Promise<void> {
    this.stop(target.key);
    await this.session(target).clear();
    this.transient.delete(target.key);
    this.fileNotes.delete(target.key);
    this.emit({ type: 'thread', key: target.key });
  }

  /**
   * Sends `text` in the thread of `target` and streams the reply to the views (and `hooks`); resolves
   * to the reply, or undefined when nothing was sent (the reason is the thread's notice then).
   */
  async ask(text: string, target: T, hooks: AskHooks = {}): Promise<ChatSendResult | undefined> {
    const { key } = target;
    // Taken before the first await: a second question cannot slip in while this one is prepared.
    if (this.isBusy(key)) return this.refuse(target, BUSY_NOTICE, hooks);
    const controller = new AbortController();
    const batcher = new TextBatcher((chunk) => this.emit({ type: 'append', key, text: chunk }), {
      intervalMs: APPEND_INTERVAL_MS,
    });
    const running: Running = { controller, batcher };
    this.running.set(key, running);
    const abort = () => controller.abort();
    if (hooks.signal?.aborted) abort();
    hooks.signal?.addEventListener('abort', abort, { once: true });
    const release = () => {
      hooks.signal?.removeEventListener('abort', abort);
      batcher.dispose();
      if (this.running.get(key) === running) this.running.delete(key);
    };
    try {
      const connection = await this.ports.connect();
      if (!connection) {
        release();
        return this.refuse(target, NO_API_KEY_NOTICE, hooks);
      }
      let prompt: ChatPrompt;
      try {
        prompt = await this.prompt(target, connection);
      } catch (err) {
        release();
        return this.refuse(target, `Could not read ${target.label}: ${messageOf(err)}`, hooks);
      }
      this.transient.delete(key);
      if (controller.signal.aborted) {
        // Stopped while the question was being prepared: nothing is sent, nothing is added.
        release();
        hooks.onDone?.('interrupted', STOPPED_BEFORE_SENT);
        this.emit({ type: 'thread', key });
        return undefined;
      }
      return await this.send(text, target, connection, prompt, running, hooks, release);
    } finally {
      release();
    }
  }

  private async send(
    text: string,
    target: T,
    connection: ChatConnection,
    prompt: ChatPrompt,
    { controller, batcher }: Running,
    hooks: AskHooks,
    release: () => void,
  ): Promise<ChatSendResult | undefined> {
    const { key } = target;
    let retrying = false;
    let result: ChatSendResult;
    try {
      result = await this.session(target).send(text, {
        runtime: { ...connection.runtime, logger: this.ports.logger },
        system: prompt.system,
        ...(prompt.sharedSystem && { sharedSystem: prompt.sharedSystem }),
        signal: controller.signal,
        onStart: () => this.emit({ type: 'thread', key }),
        onText: (chunk) => {
          // Text after a retry: the retry is over, and its notice with it.
          if (retrying) this.setNotice(key, undefined);
          retrying = false;
          batcher.push(chunk);
          hooks.onText?.(chunk);
        },
        onRetry: (notice) => {
          retrying = true;
          this.setNotice(key, this.redact(retryNote(notice)));
        },
      });
    } catch (err) {
      batcher.discard();
      release();
      const message = err instanceof ChatBusyError ? err.message : `The question could not be sent: ${messageOf(err)}`;
      return this.refuse(target, this.redact(message), hooks);
    }
    batcher.flush();
    release();
    const note = result.note && this.redact(result.note);
    this.transient.delete(key);
    hooks.onDone?.(result.status, note);
    this.emit({ type: 'turnDone', key, status: result.status, ...(note && { note }) });
    this.logTurn(target, result, note);
    return result;
  }

  private async prompt(target: T, connection: ChatConnection): Promise<ChatPrompt> {
    const file = await gatherFileContext({
      ...(await this.ports.readFile(target)),
      budgetTokens: connection.budgetTokens,
      exclude: connection.exclude,
    });
    const note = describeFileContext(file);
    if (note) this.fileNotes.set(target.key, note);
    else this.fileNotes.delete(target.key);
    const findings = this.ports.findings(target);
    // After a review of this very text on this model, the chat reads the review's cache entry.
    const reviewed = file.included ? this.ports.reviewedCode?.(file.path) : undefined;
    return buildChatPrompt({ file, findings, model: connection.runtime.model, ...(reviewed && { reviewed }) });
  }

  private logTurn(target: ChatTarget, result: ChatSendResult, note: string | undefined): void {
    const usage = result.usage;
    this.ports.logger.info(
      `Chat about ${target.label}: ${result.status}` +
        (usage
          ? `; ${usage.inputTokens} input, ${usage.cacheReadTokens} cache-read, ${usage.cacheWriteTokens} cache-write, ${usage.outputTokens} output tokens; ${formatUsd(result.cost?.usd)}`
          : '') +
        (note ? `; ${note}` : ''),
    );
  }

  /** Nothing was sent: the view drops the question it showed and says why; so do the hooks. */
  private refuse(target: ChatTarget, notice: string, hooks: AskHooks): undefined {
    this.transient.set(target.key, notice);
    this.emit({ type: 'thread', key: target.key });
    hooks.onDone?.('failed', notice);
    return undefined;
  }

  private setNotice(key: string, notice: string | undefined): void {
    if (notice === undefined) this.transient.delete(key);
    else this.transient.set(key, notice);
    this.emit({ type: 'notice', key });
  }

  private isBusy(key: string): boolean {
    return this.running.has(key) || (this.sessions.has(key) && this.sessions.get(key).busy);
  }

  private session(target: ChatTarget): ChatSession {
    return this.sessions.get(target.key, target.label);
  }

  private emit(event: ChatEvent): void {
    this.ports.onEvent(event);
  }

  /** Removes key-shaped text (and the key itself) from anything shown or logged. */
  redact(text: string): string {
    return redact(text, this.ports.secrets());
  }

  /** Stops every reply; the store is the caller's to dispose. */
  dispose(): void {
    for (const { controller, batcher } of this.running.values()) {
      controller.abort();
      batcher.dispose();
    }
    this.running.clear();
  }
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));
