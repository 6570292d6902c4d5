import type Anthropic from '@anthropic-ai/sdk';
import { planCache } from './cache';
import { resolveClient, type ClientConfig } from './client';
import { ClaudeInvocationError } from './errors';
import type { Logger } from './logger';
import { DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from './models';
import type { PriceTable } from './pricing';
import { requestParams } from './params';
import { runRequest } from './request';
import type { RequestListener } from './events';
import type { RetryPolicy } from './retry';
import { estimateTokens } from './tokens';
import type { ClaudeResult, InvokeOptions, MessageParam, PromptInput, SystemInput } from './types';
import { addUsage, emptyUsage, type Usage } from './usage';
import type { CacheTtl, WarmPrefixes } from './warmPrefixes';

export interface ConversationThreadOptions {
  /**
   * Blocks sent before `system`, byte for byte as another request sent them (a review's rules and
   * code), each cached as a fan-out's shared blocks are: the thread then reads that request's cache entry.
   */
  sharedSystem?: SystemInput;
  system?: SystemInput;
  model?: string;
  maxTokens?: number;
  temperature?: number;
  /** Cache the system block (default true). */
  cacheSystem?: boolean;
  client?: Anthropic | ClientConfig;
  logger?: Logger;
  prices?: PriceTable;
  retry?: Partial<RetryPolicy>;
  /** Raised after this long without any stream event (default: the core's 90 s). */
  idleTimeoutMs?: number;
  /** Cache lifetime of the system block and history breakpoints (default 5 minutes). */
  cacheTtl?: CacheTtl;
  /** Records the system prefix as warm on each write or read (shared with review fan-outs). */
  warmPrefixes?: WarmPrefixes;
  /** History restored from storage. */
  messages?: MessageParam[];
  /**
   * Older exchanges beyond this estimate are not sent (they stay in getMessages()). Trimming goes
   * down to three quarters of the cap at once, so the sent prefix, and its cache entry, stays stable
   * for several turns instead of shifting every turn.
   */
  maxHistoryTokens?: number;
}

export interface SendOptions {
  /** Move the cache breakpoint onto this turn so the whole history is read from cache next time (default true). */
  cacheHistory?: boolean;
  signal?: AbortSignal;
  /** Overrides the thread's idle timeout for this turn. */
  idleTimeoutMs?: number;
  /** Start, text and retry events of this turn's request. */
  onEvent?: RequestListener;
}

export interface ThreadReply extends ClaudeResult {
  /** Exchanges at the start of the history that were not sent this turn. */
  omittedExchanges: number;
}

const contentText = (content: MessageParam['content']): string =>
  typeof content === 'string'
    ? content
    : content.map((b) => ('text' in b && typeof b.text === 'string' ? b.text : '')).join('');

/** A multi-turn conversation that caches its system block and its history turn by turn. */
export class ConversationThread {
  private messages: MessageParam[];
  private omitted = 0;
  private total: Usage = emptyUsage();
  private readonly client: Anthropic | ClientConfig | undefined;

  constructor(private readonly options: ConversationThreadOptions = {}) {
    this.messages = options.messages ? structuredClone(options.messages) : [];
    this.client = options.client;
  }

  /**
   * Sends a user turn and resolves with the reply. The exchange joins the history when it completes,
   * or when interrupted with partial text (so the next turn sees what the user saw). On failure the
   * history is unchanged and the error (with partial text) is thrown.
   */
  async send(userMessage: PromptInput, sendOptions: SendOptions = {}): Promise<ThreadReply> {
    const model = this.options.model ?? DEFAULT_MODEL;
    const user: MessageParam = { role: 'user', content: userMessage };
    const window = this.historyWindow();
    const plan = planCache(
      {
        model,
        messages: [...window, user],
        cacheSystem: this.options.cacheSystem ?? true,
        cacheLastMessage: sendOptions.cacheHistory ?? true,
        ...(this.options.cacheTtl && { ttl: this.options.cacheTtl }),
        ...(this.options.sharedSystem !== undefined && {
          sharedSystem: this.options.sharedSystem,
          cacheSharedSystem: true,
        }),
        ...(this.options.system !== undefined && { system: this.options.system }),
      },
      this.options.logger,
    );
    const invokeOptions: InvokeOptions = {
      model,
      maxTokens: this.options.maxTokens ?? DEFAULT_MAX_TOKENS,
      ...(this.options.temperature !== undefined && { temperature: this.options.temperature }),
      ...(this.options.logger && { logger: this.options.logger }),
      ...(this.options.prices && { prices: this.options.prices }),
      ...(this.options.retry && { retry: this.options.retry }),
      ...(sendOptions.signal && { signal: sendOptions.signal }),
      onEvent: (event) => {
        if (event.type === 'start')
          this.noteWarm(model, event.start.usage, plan.sharedCached ? plan.sharedPrefix : undefined);
        sendOptions.onEvent?.(event);
      },
    };
    const idleTimeoutMs = sendOptions.idleTimeoutMs ?? this.options.idleTimeoutMs;
    if (idleTimeoutMs !== undefined) invokeOptions.idleTimeoutMs = idleTimeoutMs;
    let result: ClaudeResult;
    try {
      result = await runRequest(resolveClient(this.client), requestParams(model, plan, invokeOptions), invokeOptions);
    } catch (error) {
      // A failed turn was still billed for what the API reported before failing.
      if (error instanceof ClaudeInvocationError && error.usage) this.total = addUsage(this.total, error.usage);
      throw error;
    }
    if (result.status === 'completed' || (result.status === 'interrupted' && result.text)) {
      this.messages.push(user, { role: 'assistant', content: result.text });
    }
    this.total = addUsage(this.total, result.usage);
    return { ...result, omittedExchanges: this.omitted, toString: () => result.text };
  }

  /** The system block's text (or the shared blocks', when given) is a cached prefix shared with reviews of the same code. */
  private noteWarm(model: string, usage: Usage, sharedPrefix: string | undefined): void {
    const system = this.options.system;
    if (!this.options.warmPrefixes || usage.cacheWriteTokens + usage.cacheReadTokens === 0) return;
    const text =
      sharedPrefix ??
      (system === undefined
        ? undefined
        : typeof system === 'string'
          ? system
          : system.map((b) => b.text).join('\u0000'));
    if (text !== undefined) this.options.warmPrefixes.markWarm(model, text, this.options.cacheTtl);
  }

  /** A copy of the full history, including exchanges no longer sent. */
  getMessages(): MessageParam[] {
    return structuredClone(this.messages);
  }

  clear(): void {
    this.messages = [];
    this.omitted = 0;
  }

  /** Completed exchanges (user turn plus reply). */
  get length(): number {
    return Math.floor(this.messages.length / 2);
  }

  get usage(): Usage {
    return { ...this.total };
  }

  /** The newest exchanges that fit the history cap; keeps `omitted` stable until the cap is reached again. */
  private historyWindow(): MessageParam[] {
    const cap = this.options.maxHistoryTokens;
    const exchanges = this.length;
    if (!cap) return this.messages;
    const tokensFrom = (start: number) =>
      this.messages.slice(start * 2).reduce((n, m) => n + estimateTokens(contentText(m.content)), 0);
    if (tokensFrom(this.omitted) > cap) {
      let start = this.omitted;
      while (start < exchanges && tokensFrom(start) > cap * 0.75) start++;
      this.omitted = start;
    }
    return this.messages.slice(this.omitted * 2);
  }
}
