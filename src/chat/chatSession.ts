// One follow-up conversation per file. The visible turns (with failed and stopped replies, and old
// exchanges no longer sent) are the source of truth and are persisted; the ConversationThread that
// talks to the API is rebuilt from them. Pure: no `vscode` import.
import type Anthropic from '@anthropic-ai/sdk';
import {
  ConversationThread,
  toInvocationError,
  type ClientConfig,
  type CostReport,
  type Logger,
  type MessageParam,
  type PriceTable,
  type RetryNotice,
  type RetryPolicy,
  type ThreadReply,
  type Usage,
} from '../core';
import type { StoredThread, StoredTurn, ThreadStore } from './threadStore';

/** How to reach the model; read from settings at each send. */
export interface ChatRuntime {
  client: Anthropic | ClientConfig;
  model: string;
  maxTokens: number;
  /** The chat.maxHistoryTokens setting. */
  maxHistoryTokens: number;
  prices?: PriceTable;
  logger?: Logger;
  retry?: Partial<RetryPolicy>;
  /** Silence after which a turn's request fails (and may be retried); default CHAT_IDLE_TIMEOUT_MS. */
  idleTimeoutMs?: number;
}

/**
 * A chat turn is interactive: a silent server must surface in seconds, not after the core's 90 s per
 * attempt (four attempts made six minutes). The API pings a live stream far more often than this.
 */
export const CHAT_IDLE_TIMEOUT_MS = 30_000;

export interface ChatSendOptions {
  runtime: ChatRuntime;
  /** The system block (see buildChatSystem): the file's current numbered text and findings. */
  system: string;
  /** Blocks before `system` shared with a review of the same text (see buildChatPrompt). */
  sharedSystem?: readonly string[];
  signal?: AbortSignal;
  /** Called once the user turn and the (empty, streaming) reply turn have been added. */
  onStart?: () => void;
  onText?: (chunk: string) => void;
  onRetry?: (notice: RetryNotice) => void;
}

export type ChatTurnStatus = 'completed' | 'interrupted' | 'failed';

export interface ChatSendResult {
  status: ChatTurnStatus;
  /** The reply's text (partial when interrupted or failed). */
  text: string;
  /** Why it failed or stopped, or the limit it hit. */
  note?: string;
  /** Set when older exchanges are no longer sent. */
  notice?: string;
  omittedExchanges: number;
  usage?: Usage;
  cost?: CostReport;
  model?: string;
}

/** "N older exchanges are no longer sent to the model; they stay visible here." */
export function historyNotice(omitted: number): string | undefined {
  if (omitted <= 0) return undefined;
  return omitted === 1
    ? '1 older exchange is no longer sent to the model; it stays visible here.'
    : `${omitted} older exchanges are no longer sent to the model; they stay visible here.`;
}

/** Whether a reply turn is part of what the model sees next time. */
const isHistoryReply = (turn: StoredTurn | undefined): boolean =>
  turn?.role === 'assistant' &&
  (turn.status === 'completed' || turn.status === undefined || (turn.status === 'interrupted' && turn.text !== ''));

/**
 * The conversation the model sees: each question with a completed reply, or a stopped reply that
 * has text. Failed turns, and questions without a usable reply, stay visible but are not sent.
 */
export function historyFromTurns(turns: readonly StoredTurn[]): MessageParam[] {
  const messages: MessageParam[] = [];
  for (let i = 0; i < turns.length; i++) {
    const turn = turns[i]!;
    const next = turns[i + 1];
    if (turn.role === 'user' && isHistoryReply(next)) {
      messages.push({ role: 'user', content: turn.text }, { role: 'assistant', content: next!.text });
      i++;
    }
  }
  return messages;
}

interface ThreadConfig {
  system: string;
  sharedSystem: readonly string[];
  model: string;
  maxTokens: number;
  maxHistoryTokens: number;
  client: Anthropic | ClientConfig;
  prices: PriceTable | undefined;
}

function sameClient(a: Anthropic | ClientConfig, b: Anthropic | ClientConfig): boolean {
  if (a === b) return true;
  const ca = a as ClientConfig;
  const cb = b as ClientConfig;
  return (
    typeof ca.apiKey === 'string' &&
    ca.apiKey === cb.apiKey &&
    ca.baseURL === cb.baseURL &&
    ca.timeoutMs === cb.timeoutMs &&
    JSON.stringify(ca.defaultHeaders ?? {}) === JSON.stringify(cb.defaultHeaders ?? {})
  );
}

const sameConfig = (a: ThreadConfig, b: ThreadConfig): boolean =>
  a.system === b.system &&
  a.sharedSystem.length === b.sharedSystem.length &&
  a.sharedSystem.every((block, i) => block === b.sharedSystem[i]) &&
  a.model === b.model &&
  a.maxTokens === b.maxTokens &&
  a.maxHistoryTokens === b.maxHistoryTokens &&
  a.prices === b.prices &&
  sameClient(a.client, b.client);

export class ChatBusyError extends Error {
  override readonly name = 'ChatBusyError';
}

export class ChatSession {
  private readonly data: StoredThread;
  private thread: ConversationThread | undefined;
  private config: ThreadConfig | undefined;
  private running = false;
  private inFlight: Promise<unknown> | undefined;

  constructor(
    private readonly store: ThreadStore,
    readonly key: string,
    label?: string,
    private readonly now: () => number = Date.now,
  ) {
    const stored = store.load(key);
    this.data = stored ?? { key, turns: [], updatedAt: now() };
    if (label !== undefined) this.data.label = label;
  }

  get label(): string | undefined {
    return this.data.label;
  }

  set label(value: string | undefined) {
    if (value === undefined) delete this.data.label;
    else this.data.label = value;
  }

  /** The visible turns (copies). */
  get turns(): StoredTurn[] {
    return this.data.turns.map((t) => ({ ...t }));
  }

  get busy(): boolean {
    return this.running;
  }

  get omittedExchanges(): number {
    return this.data.omittedExchanges ?? 0;
  }

  /** The notice about exchanges no longer sent, when there are some. */
  get notice(): string | undefined {
    return historyNotice(this.omittedExchanges);
  }

  /** What would be sent as history with the next question. */
  historyMessages(): MessageParam[] {
    return historyFromTurns(this.data.turns);
  }

  /**
   * Asks `text`. Adds the question and the reply as turns, persists them while the reply streams
   * (throttled) and when it ends. Never throws for API failures: a failed reply stays visible
   * with its error (and any partial text) and is not sent as history later.
   */
  send(text: string, options: ChatSendOptions): Promise<ChatSendResult> {
    if (this.running) return Promise.reject(new ChatBusyError('A reply is still streaming in this thread.'));
    if (!text.trim()) return Promise.reject(new RangeError('The question is empty.'));
    this.running = true;
    const sending = this.sendNow(text, options);
    this.inFlight = sending;
    return sending;
  }

  private async sendNow(text: string, options: ChatSendOptions): Promise<ChatSendResult> {
    try {
      const thread = this.threadFor(options);
      const at = this.now();
      const reply: StoredTurn = { role: 'assistant', text: '', status: 'streaming', at };
      this.data.turns.push({ role: 'user', text, at }, reply);
      this.touch();
      this.store.saveSoon(this.data);
      options.onStart?.();

      let result: ThreadReply;
      try {
        result = await thread.send(text, {
          cacheHistory: true,
          ...(options.signal && { signal: options.signal }),
          onEvent: (event) => {
            if (event.type === 'retry') options.onRetry?.(event.notice);
            if (event.type !== 'text') return;
            reply.text += event.text;
            this.touch();
            this.store.saveSoon(this.data);
            options.onText?.(event.text);
          },
        });
      } catch (caught) {
        const error = toInvocationError(caught);
        reply.text = error.partialText || reply.text;
        reply.status = 'failed';
        reply.note = error.message;
        await this.persist();
        const failed: ChatSendResult = {
          status: 'failed',
          text: reply.text,
          note: error.message,
          omittedExchanges: this.omittedExchanges,
        };
        const notice = this.notice;
        if (notice) failed.notice = notice;
        return failed;
      }

      reply.text = result.text;
      const status: ChatTurnStatus = result.status === 'completed' ? 'completed' : 'interrupted';
      reply.status = status;
      const note =
        status === 'interrupted'
          ? result.text
            ? 'Stopped. The partial reply is kept and the model will see it.'
            : 'Stopped before any text arrived.'
          : result.stopReason === 'max_tokens'
            ? 'The reply reached the maxTokens limit and was cut off.'
            : undefined;
      if (note) reply.note = note;
      if (result.omittedExchanges > 0) this.data.omittedExchanges = result.omittedExchanges;
      else delete this.data.omittedExchanges;
      await this.persist();

      const out: ChatSendResult = {
        status,
        text: result.text,
        omittedExchanges: result.omittedExchanges,
        usage: result.usage,
        cost: result.cost,
        model: result.model,
      };
      if (note) out.note = note;
      const notice = historyNotice(result.omittedExchanges);
      if (notice) out.notice = notice;
      return out;
    } finally {
      this.running = false;
    }
  }

  /**
   * Forgets the conversation (visible turns and history) and its stored entry. Abort a streaming
   * reply first: this waits for it to settle so it cannot write the old turns back.
   */
  async clear(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    this.data.turns = [];
    delete this.data.omittedExchanges;
    this.touch();
    this.thread = undefined;
    this.config = undefined;
    await this.store.delete(this.key);
  }

  private touch(): void {
    this.data.updatedAt = this.now();
  }

  private persist(): Promise<void> {
    this.touch();
    return this.store.save(this.data);
  }

  /**
   * The ConversationThread for these settings and this system block. Kept across turns while they
   * are unchanged, so its cached prefix and its history window stay stable; rebuilt from the
   * visible turns when the file or a setting changed.
   */
  private threadFor(options: ChatSendOptions): ConversationThread {
    const { runtime } = options;
    const config: ThreadConfig = {
      system: options.system,
      sharedSystem: options.sharedSystem ?? [],
      model: runtime.model,
      maxTokens: runtime.maxTokens,
      maxHistoryTokens: runtime.maxHistoryTokens,
      client: runtime.client,
      prices: runtime.prices,
    };
    if (this.thread && this.config && sameConfig(this.config, config)) return this.thread;
    this.config = config;
    this.thread = new ConversationThread({
      ...(config.sharedSystem.length && {
        sharedSystem: config.sharedSystem.map((text) => ({ type: 'text' as const, text })),
      }),
      system: options.system,
      model: runtime.model,
      maxTokens: runtime.maxTokens,
      maxHistoryTokens: runtime.maxHistoryTokens,
      cacheSystem: true,
      idleTimeoutMs: runtime.idleTimeoutMs ?? CHAT_IDLE_TIMEOUT_MS,
      client: runtime.client,
      messages: this.historyMessages(),
      ...(runtime.prices && { prices: runtime.prices }),
      ...(runtime.logger && { logger: runtime.logger }),
      ...(runtime.retry && { retry: runtime.retry }),
    });
    return this.thread;
  }
}

/** The sessions of one workspace, one per file key, created from the store on first use. */
export class ChatSessions {
  private readonly sessions = new Map<string, ChatSession>();

  constructor(
    private readonly store: ThreadStore,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, label?: string): ChatSession {
    let session = this.sessions.get(key);
    if (!session) {
      session = new ChatSession(this.store, key, label, this.now);
      this.sessions.set(key, session);
    } else if (label !== undefined) {
      session.label = label;
    }
    return session;
  }

  has(key: string): boolean {
    return this.sessions.has(key);
  }

  all(): ChatSession[] {
    return [...this.sessions.values()];
  }
}
