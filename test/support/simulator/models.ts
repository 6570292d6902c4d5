// GET /v1/models and GET /v1/models/{id}.
import type { ServerResponse } from 'node:http';
import { sendError } from './errors';

export const DEFAULT_MODELS: readonly string[] = [
  'claude-sonnet-5-5',
  'claude-opus-5-5',
  'claude-haiku-5-5',
  'claude-sonnet-5',
  'claude-opus-5',
  'claude-opus-4-8',
  'claude-opus-4-7',
  'claude-opus-4-6',
  'claude-sonnet-4-6',
  'claude-haiku-4-5',
];

/** 'claude-sonnet-5-5' -> 'Claude Sonnet 5.5'. */
export function displayName(id: string): string {
  const parts = id.split('-').filter((p) => !/^\d{8}$/.test(p));
  const words: string[] = [];
  const version: string[] = [];
  for (const part of parts) (/^\d+$/.test(part) ? version : words).push(part);
  const name = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
  return version.length > 0 ? `${name} ${version.join('.')}` : name;
}

export function modelInfo(id: string): Record<string, unknown> {
  const line = /haiku|sonnet|opus/.exec(id)?.[0] ?? null;
  return {
    type: 'model',
    id,
    display_name: displayName(id),
    created_at: '2026-01-01T00:00:00Z',
    lifecycle: 'active',
    line,
    capabilities: null,
    deprecated_at: null,
    retires_at: null,
    max_input_tokens: 200_000,
    max_tokens: 64_000,
  };
}

function sendJson(res: ServerResponse, requestId: string, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'request-id': requestId,
  });
  res.end(payload);
}

/** Lists models, honouring `limit`, `after_id` and `before_id` like the API's pagination. */
export function listModels(
  res: ServerResponse,
  requestId: string,
  models: readonly string[],
  query: URLSearchParams,
): void {
  let ids = [...models];
  const after = query.get('after_id');
  const before = query.get('before_id');
  if (after !== null) ids = ids.slice(ids.indexOf(after) + 1);
  if (before !== null && ids.includes(before)) ids = ids.slice(0, ids.indexOf(before));
  const limit = Math.min(1000, Math.max(1, Number(query.get('limit') ?? 20) || 20));
  const page = before !== null ? ids.slice(-limit) : ids.slice(0, limit);
  sendJson(res, requestId, {
    data: page.map(modelInfo),
    has_more: page.length < ids.length,
    first_id: page[0] ?? null,
    last_id: page[page.length - 1] ?? null,
  });
}

export function getModel(res: ServerResponse, requestId: string, models: readonly string[], id: string): void {
  if (!models.includes(id)) {
    sendError(res, requestId, { status: 404, message: `model: ${id}` });
    return;
  }
  sendJson(res, requestId, modelInfo(id));
}
