// The editor-independent core: calls, fan-out, streaming, interruption, conversations, caching,
// retries, usage and cost. Nothing here may import `vscode`.
export { invokeClaude, invokeClaudeStreaming } from './invoke';
export { invokeParallel, invokeParallelStreaming, invokeParallelInterruptible, createLimiter, MAX_WORKERS_LIMIT } from './parallel';
export type { ParallelPrompt, ParallelOptions, FanOutStrategy, LimitFunction } from './parallel';
export { InterruptToken, InterruptedError } from './interrupt';
export type { ParallelEvent, ParallelListener, RequestEvent, RequestListener } from './events';
export { ConversationThread } from './thread';
export type { ConversationThreadOptions, SendOptions, ThreadReply } from './thread';
export { ClaudeInvocationError, toInvocationError, hintFor } from './errors';
export type { ErrorKind, ErrorDetails } from './errors';
export { createClient, resolveClient, MessagesClient } from './client';
export type { ClientConfig, SdkClient } from './client';
export { planCache, MAX_CACHE_BREAKPOINTS } from './cache';
export type { CachePlan } from './cache';
export { DEFAULT_MODEL, DEFAULT_MAX_TOKENS, minCacheableTokens, listModels } from './models';
export type { ModelInfo } from './models';
export { DEFAULT_PRICES, costOf, addCosts, findPrice, formatUsd } from './pricing';
export type { CostReport, ModelPrice, PriceTable } from './pricing';
export { DEFAULT_RETRY } from './retry';
export type { RetryPolicy, RetryNotice } from './retry';
export { emptyUsage, addUsage, sumUsage, totalInputTokens } from './usage';
export type { Usage } from './usage';
export { estimateTokens } from './tokens';
export { findJson } from './extractJson';
export { silentLogger, redact, redactDeep, redactingLogger } from './logger';
export type { Logger } from './logger';
export type { ClaudeResult, ContentBlockParam, InvokeOptions, MessageParam, PromptInput, ResultStatus, StreamStart, SystemInput, JsonSchemaOutput } from './types';
