import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk/core/error';
import { CERTIFICATE_HINT, certificateErrorCode } from './certificateError';
import type { Usage } from './usage';

/** What went wrong, in terms a user interface can act on. */
export type ErrorKind =
  | 'authentication' // 401: wrong or missing key
  | 'permission' // 403
  | 'notFound' // 404: unknown model or endpoint
  | 'tooLarge' // 413: shrink the context
  | 'invalidRequest' // 400
  | 'rateLimited' // 429
  | 'overloaded' // 529 or overloaded_error mid-stream
  | 'server' // other 5xx and api_error
  | 'connection' // dropped or refused connection
  | 'certificate' // TLS chain not trusted (a re-signing proxy): fixed by a setting, never retried
  | 'timeout' // no answer in time
  | 'malformed' // the stream could not be parsed
  | 'missingKey' // no key configured at all
  | 'unknown';

export interface ErrorDetails {
  kind: ErrorKind;
  /** The API's error type (e.g. `overloaded_error`) when it sent one. */
  apiType?: string;
  requestId?: string;
  retryAfterMs?: number;
  /** How many attempts were made before giving up. */
  attempts?: number;
}

/** The one error type the core throws; carries whatever text had already streamed. */
export class ClaudeInvocationError extends Error {
  override readonly name = 'ClaudeInvocationError';
  /**
   * What the API reported (and bills) before the failure: a stream that fails after `message_start`
   * has already been charged for its input, summed over every attempt.
   */
  usage?: Usage;
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly details: ErrorDetails,
    readonly partialText = '',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get kind(): ErrorKind {
    return this.details.kind;
  }

  /** Whether trying the same request again may succeed. */
  get retryable(): boolean {
    return ['rateLimited', 'overloaded', 'server', 'connection', 'timeout'].includes(this.details.kind);
  }

  withPartialText(text: string): ClaudeInvocationError {
    const copy = new ClaudeInvocationError(this.message, this.statusCode, this.details, text, { cause: this.cause });
    if (this.usage) copy.usage = this.usage;
    return copy;
  }
}

const KIND_BY_STATUS: Record<number, ErrorKind> = {
  400: 'invalidRequest',
  401: 'authentication',
  403: 'permission',
  404: 'notFound',
  408: 'timeout',
  413: 'tooLarge',
  429: 'rateLimited',
  529: 'overloaded',
};

const KIND_BY_API_TYPE: Record<string, ErrorKind> = {
  authentication_error: 'authentication',
  permission_error: 'permission',
  not_found_error: 'notFound',
  request_too_large: 'tooLarge',
  invalid_request_error: 'invalidRequest',
  rate_limit_error: 'rateLimited',
  overloaded_error: 'overloaded',
  api_error: 'server',
  timeout_error: 'timeout',
};

const HINTS: Partial<Record<ErrorKind, string>> = {
  authentication: 'The API key was rejected: set a valid key.',
  missingKey: 'No API key is set: set one, or export ANTHROPIC_API_KEY.',
  permission: 'This key may not use this resource.',
  notFound: 'The model or endpoint was not found: choose another model.',
  tooLarge: 'The request is too large: select less code or lower the context budget.',
  rateLimited: 'Rate limited by the API: wait a moment or lower the concurrency.',
  overloaded: 'The API is overloaded: try again shortly.',
  server: 'The API had an internal error: try again.',
  connection: 'The connection failed: check the network or the endpoint.',
  certificate: CERTIFICATE_HINT,
  timeout: 'The API did not answer in time.',
  malformed: 'The response stream could not be read.',
};

export const hintFor = (kind: ErrorKind): string => HINTS[kind] ?? 'The request failed.';

function parseRetryAfter(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

function apiErrorType(error: unknown): string | undefined {
  const body = error as { error?: { type?: unknown }; type?: unknown } | undefined;
  const type = body?.error?.type ?? (body?.type !== 'error' ? body?.type : undefined);
  return typeof type === 'string' ? type : undefined;
}

function apiErrorMessage(error: unknown, fallback: string): string {
  const body = error as { error?: { message?: unknown } } | undefined;
  const message = body?.error?.message;
  return typeof message === 'string' ? message : fallback;
}

/** Maps anything the SDK or the network throws onto a ClaudeInvocationError. */
export function toInvocationError(err: unknown, partialText = ''): ClaudeInvocationError {
  if (err instanceof ClaudeInvocationError) return partialText ? err.withPartialText(partialText) : err;
  if (err instanceof APIConnectionTimeoutError) {
    return new ClaudeInvocationError(
      `Request timed out. ${hintFor('timeout')}`,
      undefined,
      { kind: 'timeout' },
      partialText,
      { cause: err },
    );
  }
  const certificate = certificateErrorCode(err);
  if (certificate) {
    return new ClaudeInvocationError(
      `Connection refused by TLS (${certificate}). ${hintFor('certificate')}`,
      undefined,
      { kind: 'certificate' },
      partialText,
      { cause: err },
    );
  }
  if (err instanceof APIConnectionError) {
    return new ClaudeInvocationError(
      `Connection error. ${hintFor('connection')}`,
      undefined,
      { kind: 'connection' },
      partialText,
      { cause: err },
    );
  }
  if (err instanceof APIError) {
    // The SDK types these fields loosely (any): read them as unknown and narrow.
    const apiType = apiErrorType(err.error as unknown);
    const rawStatus: unknown = err.status;
    const status = typeof rawStatus === 'number' ? rawStatus : undefined;
    const rawHeaders: unknown = err.headers;
    const headers = rawHeaders instanceof Headers ? rawHeaders : undefined;
    const kind: ErrorKind =
      (apiType ? KIND_BY_API_TYPE[apiType] : undefined) ??
      (status !== undefined ? KIND_BY_STATUS[status] : undefined) ??
      (status !== undefined && status >= 500 ? 'server' : 'unknown');
    const details: ErrorDetails = { kind };
    if (apiType) details.apiType = apiType;
    const requestId = err.requestID ?? headers?.get('request-id') ?? undefined;
    if (requestId) details.requestId = requestId;
    const retryAfterMs = parseRetryAfter(headers);
    if (retryAfterMs !== undefined) details.retryAfterMs = retryAfterMs;
    const where = status ? `${status} ` : '';
    return new ClaudeInvocationError(
      `${where}${apiType ?? 'error'}: ${apiErrorMessage(err.error as unknown, err.message)}. ${hintFor(kind)}`,
      status,
      details,
      partialText,
      { cause: err },
    );
  }
  if (err instanceof SyntaxError) {
    return new ClaudeInvocationError(
      `Malformed stream: ${err.message}. ${hintFor('malformed')}`,
      undefined,
      { kind: 'malformed' },
      partialText,
      { cause: err },
    );
  }
  const message = err instanceof Error ? err.message : String(err);
  if (/ECONNRESET|socket hang up|terminated|ECONNREFUSED|network/i.test(message)) {
    return new ClaudeInvocationError(
      `Connection error: ${message}. ${hintFor('connection')}`,
      undefined,
      { kind: 'connection' },
      partialText,
      { cause: err },
    );
  }
  return new ClaudeInvocationError(message, undefined, { kind: 'unknown' }, partialText, { cause: err });
}
