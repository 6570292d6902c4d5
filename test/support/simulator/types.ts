// Shared types of the local Anthropic Messages API simulator.
import type { CloudAuth, CloudAuthOptions } from './cloud/auth';
import type { SimToolUse } from './toolUse';

// Timestamps in RequestLogEntry are performance.now() values: monotonic milliseconds since this
// process's performance.timeOrigin (add performance.timeOrigin for epoch milliseconds), or the
// injected clock's time when the simulator was started with `timers`.

/** A JSON object as parsed from a request body. */
export type JsonObject = { [key: string]: unknown };

/** What a responder gets: the parsed request body plus the request's headers. */
export interface SimRequest {
  model: string;
  system?: unknown;
  messages: unknown[];
  tools?: unknown[];
  max_tokens: number;
  stream: boolean;
  output_config?: { format?: { type?: string; schema?: unknown } | null; effort?: string | null } | null;
  metadata?: JsonObject;
  /** The whole parsed JSON body. */
  body: JsonObject;
  /** Lower-cased request headers without credentials (x-api-key, authorization). */
  headers: Record<string, string>;
  /** The API key sent as `x-api-key` or as `Authorization: Bearer <key>` (SDK 1.x uses the latter). */
  apiKey?: string;
}

/**
 * The clock and timers that pace replies (time to first token, token pacing, pings, drops) and stamp
 * the log. Default: performance.now() and the global timers. A test injects a manual clock
 * (test/support/manualClock.ts) to check pacing to the millisecond without depending on the machine's load.
 */
export interface SimTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Decides a reply's text (and any tool calls, see toolUse.ts); undefined falls back to the default responder. */
export type Responder = (req: SimRequest) => string | { text: string; toolUses?: SimToolUse[] } | undefined;

export interface SimulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. The server binds to 127.0.0.1 only. */
  port?: number;
  /** When set, requests whose key (x-api-key or Bearer) differs get 401 authentication_error. */
  apiKey?: string;
  /** Models that exist; anything else gets 404 not_found_error. */
  knownModels?: string[];
  /** Delay between receiving a request and writing message_start (default 20). */
  timeToFirstTokenMs?: number;
  /** Output pacing (default 2000); 0 or Infinity = as fast as possible. */
  tokensPerSecond?: number;
  /** Tokens per text_delta event (default 4). */
  tokensPerChunk?: number;
  /** Interval of `ping` events while streaming (default 500). */
  pingIntervalMs?: number;
  /** Length of default replies in tokens, before max_tokens truncation (default 60). */
  outputTokens?: number;
  /** Bigger request bodies get 413 request_too_large (default 8 MiB). */
  maxRequestBytes?: number;
  /** Decides the reply text; default: deterministic text echoing the request. */
  responder?: Responder;
  /** Clock for cache TTLs (default Date.now). */
  now?: () => number;
  /** Clock and timers pacing replies and stamping the log (default: real ones); see SimTimers. */
  timers?: SimTimers;
  /** Serve the test-only `/_control/*` routes (log, configure, fault, reset) for out-of-process tests. */
  control?: boolean;
  /** Claude on Vertex AI and Amazon Bedrock (cloud/): credentials required, and what an organisation turned off. */
  cloud?: CloudOptions;
}

export interface CloudOptions extends CloudAuthOptions {
  /** false: Vertex refuses `output_config.format` with a 400, as organisations that turned structured outputs off do. */
  vertexStructuredOutputs?: boolean;
  /** The GCE metadata emulation's access token (default 'sim-gce-token') and project (default 'sim-project'). */
  metadataToken?: string;
  metadataProject?: string;
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'apiKey' | 'responder'>> & {
  apiKey: string | undefined;
  responder: Responder | undefined;
};

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface RequestLogEntry {
  /** The request id, also sent as the `request-id` header. */
  id: string;
  /** The message id (msg_…), when a message was produced. */
  messageId?: string;
  /** The requested model ('' when the body could not be parsed). */
  model: string;
  /** The parsed body (undefined when it was not valid JSON or too large). */
  body: JsonObject | undefined;
  /** Lower-cased request headers without credentials. */
  headers: Record<string, string>;
  /** The key from x-api-key or Authorization: Bearer. */
  apiKey?: string;
  stream: boolean;
  /** performance.now() when the request arrived. */
  receivedAt: number;
  /** When message_start was written (streaming) or would have been (non-streaming). */
  messageStartAt?: number;
  /** When the first text_delta was written. */
  firstTokenAt?: number;
  /** When the server finished (ended or destroyed) the response. */
  endedAt?: number;
  /** When the response's 'close' event fired (the connection/response was closed, by either side). */
  closedAt?: number;
  /** HTTP status sent (0 until headers are written). */
  status: number;
  /** The client closed the connection before the server finished the response (before message_stop). */
  aborted: boolean;
  /** message_stop was written (streaming) or the whole JSON message was sent. */
  completed: boolean;
  /** The error type sent, for error responses and mid-stream error events. */
  errorType?: string;
  usage: Usage;
  /** Output tokens actually written so far. */
  streamedTokens: number;
  /** The fault that shaped this request, e.g. 'status:429', 'drop', 'hang'. */
  fault?: string;
  /** inFlight() at arrival, including this request. */
  concurrentAtStart: number;
  /** For Vertex and Bedrock requests: which, the path, how they authenticated, and the body's `anthropic_version`. */
  cloud?: { provider: 'vertex' | 'bedrock'; path: string; auth: CloudAuth; anthropicVersion: string };
}

interface FaultBase {
  /** How many matching requests consume this fault (default 1). */
  times?: number;
  /** Only requests for which this returns true consume the fault (default: all). */
  match?: (req: SimRequest) => boolean;
}

export interface StatusFault extends FaultBase {
  kind: 'status';
  status: number;
  /** Sets `retry-after` (seconds; fractions allowed). A 429 without it gets `retry-after: 1`. */
  retryAfterSeconds?: number;
  /** Defaults from the status (429 rate_limit_error, 529 overloaded_error, 500 api_error, …). */
  errorType?: string;
  /** The error's message; a function of the request models an endpoint that echoes what it got (a header, the key). */
  message?: string | ((req: SimRequest) => string);
  /** Sets `x-should-retry: true|false`, which the SDK obeys over its own status rules. */
  shouldRetry?: boolean;
}

export interface MidStreamErrorFault extends FaultBase {
  kind: 'midStreamError';
  afterTokens: number;
  /** Default 'overloaded_error'. */
  errorType?: string;
  message?: string;
}

export interface DropFault extends FaultBase {
  kind: 'drop';
  /** Destroys the socket after this many output tokens (0 = right after message_start). */
  afterTokens: number;
}

export interface HangFault extends FaultBase {
  /** Sends nothing at all, not even headers, until the client gives up. */
  kind: 'hang';
}

export interface StallFault extends FaultBase {
  /** Sends headers and `afterTokens` tokens, then nothing more (no pings) until the client gives up. */
  kind: 'stall';
  afterTokens: number;
}

export interface MalformedFault extends FaultBase {
  /** Writes `data: {not json` after this many tokens, then ends the response. */
  kind: 'malformed';
  afterTokens: number;
}

export interface SlowFault extends FaultBase {
  kind: 'slow';
  timeToFirstTokenMs?: number;
  tokensPerSecond?: number;
}

export type Fault = StatusFault | MidStreamErrorFault | DropFault | HangFault | StallFault | MalformedFault | SlowFault;

export interface TokenCountEntry {
  model: string;
  /** The parsed body, as sent. */
  body: JsonObject;
  /** What was answered. */
  inputTokens: number;
  /** performance.now() when it was answered. */
  answeredAt: number;
}

export interface Simulator {
  /** The Message Batches endpoints: what was created and polled, and when batches end. */
  readonly batches: import('./batches').BatchControl;
  /** 'http://127.0.0.1:PORT' */
  readonly url: string;
  readonly port: number;
  /** One entry per POST /v1/messages, in arrival order. */
  readonly log: RequestLogEntry[];
  /** One entry per answered POST /v1/messages/count_tokens (never billed), in arrival order. */
  readonly tokenCounts: TokenCountEntry[];
  /** Changes pacing, responder, apiKey, models, clock… at run time (port is ignored). */
  configure(patch: Partial<SimulatorOptions>): void;
  /** Faults are consumed by matching requests in FIFO order. */
  enqueueFault(fault: Fault): void;
  clearFaults(): void;
  /** Open /v1/messages requests now (from arrival until the response closes). */
  inFlight(): number;
  /** Highest inFlight() seen since start or reset(). */
  readonly maxConcurrent: number;
  /** Resolves when no /v1/messages request is open; rejects after timeoutMs (default 5000). */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /**
   * From now on, holds every reply at its first byte (message_start, or a whole non-streaming reply) until
   * released; streaming headers still go at once and error replies are never held. A held reply begins at
   * its time to first token or at its release, whichever is later, and writes its cache entries only then.
   * With `afterTokens`, a streaming reply begins (and writes its cache) as usual and stops after that many
   * output tokens instead (pings go on; a non-streaming reply waits before it is sent), so a client sees
   * the stream begin while it stays open. Lets a test order events instead of racing the pacing.
   */
  holdResponses(options?: import('./gate').HoldOptions): void;
  /**
   * Releases held replies: without `count`, all of them and the simulator stops holding; with `count`,
   * the first `count` in arrival order, and later ones are still held. Returns how many were released.
   */
  releaseResponses(count?: number): number;
  /** Replies held now (a held request whose client went away is no longer counted). */
  readonly heldResponses: number;
  /**
   * Resolves once `count` POST /v1/messages since start or reset() have been read and decided (a reply
   * planned, which fixes its cache usage, or an error sent). Rejects after timeoutMs (default 10000, real
   * time), saying how many came: only a request that never comes should reach it.
   */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /**
   * Clears the log, the prompt cache, queued faults, and maxConcurrent (to the current inFlight());
   * releases held replies and stops holding; waitForRequests counts from zero again.
   */
  reset(): void;
  /** Destroys open sockets, clears every timer and closes the server. */
  close(): Promise<void>;
}
