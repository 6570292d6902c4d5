import type Anthropic from '@anthropic-ai/sdk';
import type { ClientConfig } from './client';
import type { ClaudeInvocationError } from './errors';
import type { RequestListener } from './events';
import type { Logger } from './logger';
import type { RetryPolicy } from './retry';
import type { Usage } from './usage';
import type { CacheTtl } from './warmPrefixes';
import type { CostReport, PriceTable } from './pricing';
import type { SpendGuard } from './spendGuard';

export type MessageParam = Anthropic.MessageParam;
export type TextBlockParam = Anthropic.TextBlockParam;
export type ContentBlockParam = Anthropic.ContentBlockParam;

/** A system prompt as the API takes it: plain text or text blocks (which may carry cache_control). */
export type SystemInput = string | TextBlockParam[];
/** A user message: plain text or content blocks. */
export type PromptInput = string | ContentBlockParam[];

/** JSON-schema structured output (the API's `output_config.format`). */
export interface JsonSchemaOutput {
  type: 'json_schema';
  schema: Record<string, unknown>;
}

/** Facts about a response as soon as its stream begins (its `message_start`). */
export interface StreamStart {
  messageId: string;
  model: string;
  usage: Usage;
}

/** Options shared by every call (the seed's keyword arguments, in camelCase). */
export interface InvokeOptions {
  model?: string;
  system?: SystemInput;
  maxTokens?: number;
  /** Sent only when given: current models reject non-default sampling parameters. */
  temperature?: number;
  cacheSystem?: boolean;
  cachePrompt?: boolean;
  /** Lifetime of the cache entries this call writes (default 5 minutes; '1h' writes cost 2× input). */
  cacheTtl?: CacheTtl;
  /** Pre-built conversation; overrides `prompt` as in the seed. */
  messages?: MessageParam[];
  outputFormat?: JsonSchemaOutput;
  /** Further API parameters (top_p, top_k, metadata …), passed through as the seed's **kwargs. */
  extra?: Record<string, unknown>;
  signal?: AbortSignal;
  client?: Anthropic | ClientConfig;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  prices?: PriceTable;
  /** Raised after this long without any stream event (pings count). */
  idleTimeoutMs?: number;
  /** Start, text and retry events, in order (see RequestEvent). */
  onEvent?: RequestListener;
  /** A spending cap every attempt of this call is admitted by first (see SpendGuard). */
  spendGuard?: SpendGuard;
}

export type ResultStatus = 'completed' | 'interrupted' | 'failed' | 'notStarted';

export interface ClaudeResult {
  text: string;
  status: ResultStatus;
  stopReason: string | null;
  model: string;
  usage: Usage;
  cost: CostReport;
  error?: ClaudeInvocationError;
  timing: { startedAt: number; firstEventAt?: number; endedAt: number };
  /** `${result}` gives the text, as the seed's functions returned strings. */
  toString(): string;
}
