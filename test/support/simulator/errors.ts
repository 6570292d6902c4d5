// Error responses in the API's shape: {"type":"error","error":{"type","message"},"request_id"} plus a
// `request-id` header.
import type { ServerResponse } from 'node:http';

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const MESSAGE_BY_TYPE: Record<string, string> = {
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out',
  overloaded_error: 'Overloaded',
};

const STATUS_BY_TYPE: Record<string, number> = Object.fromEntries(
  Object.entries(TYPE_BY_STATUS).map(([status, type]) => [type, Number(status)]),
);

export function errorTypeForStatus(status: number): string {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function statusForErrorType(type: string): number {
  return STATUS_BY_TYPE[type] ?? 500;
}

export function defaultErrorMessage(type: string): string {
  return MESSAGE_BY_TYPE[type] ?? 'Error';
}

export function errorBody(type: string, message: string, requestId?: string): Record<string, unknown> {
  const body: Record<string, unknown> = { type: 'error', error: { type, message } };
  if (requestId !== undefined) body['request_id'] = requestId;
  return body;
}

export interface ErrorReply {
  status: number;
  type?: string;
  message?: string;
  headers?: Record<string, string>;
}

/** Sends a complete JSON error response (no-op if headers were already sent or the socket is gone). */
export function sendError(res: ServerResponse, requestId: string, reply: ErrorReply): { status: number; type: string } {
  const type = reply.type ?? errorTypeForStatus(reply.status);
  const message = reply.message ?? defaultErrorMessage(type);
  if (!res.headersSent && !res.destroyed) {
    const payload = JSON.stringify(errorBody(type, message, requestId));
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'request-id': requestId,
      ...reply.headers,
    });
    res.end(payload);
  }
  return { status: reply.status, type };
}
