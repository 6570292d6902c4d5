// The editor-independent core: calls, fan-out, streaming, interruption, conversations, caching,
// retries, usage and cost. Nothing here may import `vscode`.
export { invokeClaude, invokeClaudeStreaming } from './invoke';
export {
  invokeParallel,
  invokeParallelStreaming,
  invokeParallelInterruptible,
  createLimiter,
  MAX_WORKERS_LIMIT,
} from './parallel';
export type { ParallelPrompt, ParallelOptions, FanOutStrategy, LimitFunction } from './parallel';
export { InterruptToken, InterruptedError } from './interrupt';
export type { ParallelEvent, ParallelListener, QueuedNotice, RequestEvent, RequestListener, ToolCall } from './events';
export { runAgent, DEFAULT_MAX_TURNS, DEFAULT_AGENT_TOKEN_BUDGET } from './agent';
export type { AgentEndReason, AgentOptions, AgentResult, ToolCallRecord } from './agent';
export { invokeParallelAgents } from './agentParallel';
export type { AgentTask, ParallelAgentOptions } from './agentParallel';
export { ToolError, toolDefinition } from './agentTool';
export { invokeToolTurn } from './toolTurn';
export type { ToolTurnOptions, ToolTurnResult } from './toolTurn';
export type { ToolDefinition } from './params';
export type { AgentTool } from './agentTool';
export { ConversationThread } from './thread';
export type { ConversationThreadOptions, SendOptions, ThreadReply } from './thread';
export { ClaudeInvocationError, toInvocationError, hintFor } from './errors';
export type { ErrorKind, ErrorDetails } from './errors';
export { createClient, resolveClient, MessagesClient } from './client';
export type { ClientConfig, SdkClient } from './client';
export { planCache, sharedPrefixKey, MAX_CACHE_BREAKPOINTS } from './cache';
export type { CachePlan } from './cache';
export { DEFAULT_MODEL, DEFAULT_MAX_TOKENS, minCacheableTokens, listModels } from './models';
export { verifyApiKey } from './verifyKey';
export { hasControlCharacter, keyShapeProblem } from './keyShape';
export type { KeyCheck } from './verifyKey';
export type { ModelInfo } from './models';
export {
  DEFAULT_PRICES,
  costOf,
  addCosts,
  findPrice,
  formatUsd,
  CACHE_WRITE_MULTIPLIER,
  CACHE_WRITE_1H_MULTIPLIER,
  CACHE_READ_MULTIPLIER,
} from './pricing';
export type { CostReport, ModelPrice, PriceTable } from './pricing';
export { DEFAULT_RETRY, retryNote } from './retry';
export type { RetryPolicy, RetryNotice } from './retry';
export { emptyUsage, addUsage, sumUsage, totalInputTokens } from './usage';
export type { Usage } from './usage';
export { estimateTokens } from './tokens';
export { WarmPrefixes, CACHE_TTL_MS, prefixKey } from './warmPrefixes';
export type { CacheTtl } from './warmPrefixes';
export { findJson } from './extractJson';
export { silentLogger, redact, redactDeep, redactingLogger } from './logger';
export type { Logger } from './logger';
export type {
  ClaudeResult,
  ContentBlockParam,
  InvokeOptions,
  MessageParam,
  PromptInput,
  ResultStatus,
  StreamStart,
  SystemInput,
  JsonSchemaOutput,
} from './types';
export { BATCH_PRICE_FACTOR, batchRequest, batchResults, createBatch, waitForBatch } from './batch';
export type { BatchItemResult, BatchRequest, BatchRequestInput, PollOptions } from './batch';
export { estimateFanOut, countInputTokens } from './estimate';
export type { FanOutEstimate, FanOutEstimateInput } from './estimate';
// Where requests go: the Anthropic API, Amazon Bedrock or Google Vertex AI (each cloud SDK loads on demand).
export {
  CAPABILITIES,
  PROVIDER_NAMES,
  PROVIDER_TITLES,
  REGIONAL_PREMIUM,
  capabilitiesOf,
  checkedHeaders,
  loadCloudProvider,
  parseCustomHeaders,
  providerChoiceFrom,
  providerLabel,
  providerModelId,
  providerName,
  providerOf,
  providerPriceTable,
  secretsInEnv,
  suggestedModelIds,
} from './providers';
export type {
  BedrockChoice,
  CloudProvider,
  CloudProviderOptions,
  ProviderCapabilities,
  ProviderChoice,
  ProviderName,
  ProviderOverrides,
  VertexChoice,
} from './providers';
export { SpendCapError, SpendGuard } from './spendGuard';
export type { Admission, SpendGuardOptions } from './spendGuard';
