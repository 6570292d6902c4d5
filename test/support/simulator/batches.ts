// The Message Batches endpoints: create, retrieve, results (JSONL at results_url), cancel, and
// expiry. A batch ends `processingMs` after it was created (or when `finish()` is called); its
// requests are then answered in order through the same responder and prompt cache as /v1/messages,
// so requests that share a cached block read it. Usage is reported as the API does; the 50% batch
// price is the client's to apply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PromptCache } from './cache';
import { sendError } from './errors';
import { flattenPrompt } from './prompt';
import { parseJsonBody, readBody, splitHeaders, toSimRequest } from './request';
import { decideReply } from './responder';
import type { JsonObject, ResolvedOptions } from './types';

type Result =
  | { type: 'succeeded'; message: JsonObject }
  | { type: 'errored'; error: JsonObject }
  | { type: 'canceled' }
  | { type: 'expired' };

interface Batch {
  id: string;
  createdAt: Date;
  endedAt?: Date;
  cancelAt?: Date;
  requests: Array<{ customId: string; params: JsonObject }>;
  results?: Array<{ custom_id: string; result: Result }>;
  timer?: NodeJS.Timeout;
}

export interface BatchSettings {
  /** How long a batch stays in progress (default 0: it ends on the next tick). Infinity: until finish()/expire(). */
  processingMs: number;
}

/** What tests see and steer. */
export interface BatchControl {
  /** Every batch created, in order, with each request's system prompt text (blocks joined by a blank line). */
  readonly created: ReadonlyArray<{ id: string; requests: number; systems: string[] }>;
  /** How many times each batch was retrieved (polled). */
  readonly polls: ReadonlyMap<string, number>;
  configure(patch: Partial<BatchSettings>): void;
  /** Ends every batch still in progress now. */
  finish(): void;
  /** Ends every batch in progress as expired (its unprocessed requests `expired`). */
  expire(): void;
  /** The next `count` polls (GET of a batch) fail with 529 overloaded_error. */
  failPolls(count: number): void;
}

export interface BatchHost {
  options(): ResolvedOptions;
  cache: PromptCache;
  nextId(prefix: string): string;
  authorized(apiKey: string | undefined): boolean;
  url(): string;
}

const PREFIX = '/v1/messages/batches';

export class BatchRoutes implements BatchControl {
  private readonly batches = new Map<string, Batch>();
  private readonly settings: BatchSettings = { processingMs: 0 };
  readonly created: Array<{ id: string; requests: number; systems: string[] }> = [];
  readonly polls = new Map<string, number>();
  private pollFailures = 0;

  constructor(private readonly host: BatchHost) {}

  configure(patch: Partial<BatchSettings>): void {
    Object.assign(this.settings, patch);
  }

  finish(): void {
    for (const b of this.batches.values()) if (!b.endedAt) this.end(b, 'process');
  }

  failPolls(count: number): void {
    this.pollFailures = count;
  }

  expire(): void {
    for (const b of this.batches.values()) if (!b.endedAt) this.end(b, 'expired');
  }

  close(): void {
    for (const b of this.batches.values()) clearTimeout(b.timer);
  }

  /** True when the request was a batch route (and has been answered). */
  handle(path: string, req: IncomingMessage, res: ServerResponse): boolean {
    if (path !== PREFIX && !path.startsWith(`${PREFIX}/`)) return false;
    const requestId = this.host.nextId('req');
    const { apiKey } = splitHeaders(req);
    if (!this.host.authorized(apiKey)) {
      req.resume();
      sendError(res, requestId, { status: 401 });
      return true;
    }
    const [id, action] = path.slice(PREFIX.length + 1).split('/');
    if (req.method === 'POST' && !id) {
      void this.create(req, res, requestId, apiKey);
      return true;
    }
    req.resume();
    const batch = id ? this.batches.get(decodeURIComponent(id)) : undefined;
    if (!batch) {
      sendError(res, requestId, { status: 404, message: `No such batch: ${id ?? ''}` });
      return true;
    }
    if (req.method === 'GET' && !action && this.pollFailures > 0) {
      this.pollFailures -= 1;
      sendError(res, requestId, { status: 529, headers: { 'retry-after': '0' } });
    } else if (req.method === 'GET' && !action) {
      this.polls.set(batch.id, (this.polls.get(batch.id) ?? 0) + 1);
      this.json(res, requestId, this.describe(batch));
    } else if (req.method === 'GET' && action === 'results') {
      if (!batch.results) {
        sendError(res, requestId, { status: 400, message: `Batch ${batch.id} is still in progress.` });
        return true;
      }
      res.writeHead(200, { 'content-type': 'application/binary', 'request-id': requestId });
      res.end(batch.results.map((r) => JSON.stringify(r)).join('\n') + '\n');
    } else if (req.method === 'POST' && action === 'cancel') {
      if (!batch.endedAt) {
        batch.cancelAt = new Date();
        this.end(batch, 'canceled');
      }
      this.json(res, requestId, this.describe(batch));
    } else {
      sendError(res, requestId, { status: 404, message: `Not found: ${req.method ?? ''} ${path}` });
    }
    return true;
  }

  private async create(
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    apiKey: string | undefined,
  ): Promise<void> {
    const opts = this.host.options();
    const body = await readBody(req, opts.maxRequestBytes);
    if (!body.ok) return void sendError(res, requestId, { status: 413 });
    const parsed = parseJsonBody(body.raw);
    if (!parsed.ok) return void sendError(res, requestId, { status: 400, message: parsed.message });
    const list = parsed.body['requests'];
    if (!Array.isArray(list) || list.length === 0)
      return void sendError(res, requestId, { status: 400, message: 'requests: Input should be a non-empty list' });
    const requests: Batch['requests'] = [];
    const seen = new Set<string>();
    for (const [i, item] of (list as unknown[]).entries()) {
      const r = item as { custom_id?: unknown; params?: unknown };
      if (typeof r.custom_id !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id))
        return void sendError(res, requestId, { status: 400, message: `requests.${i}.custom_id: invalid` });
      if (seen.has(r.custom_id))
        return void sendError(res, requestId, {
          status: 400,
          message: `requests.${i}.custom_id: duplicate ${r.custom_id}`,
        });
      seen.add(r.custom_id);
      if (typeof r.params !== 'object' || r.params === null)
        return void sendError(res, requestId, { status: 400, message: `requests.${i}.params: Field required` });
      const params = r.params as JsonObject;
      if (params['stream'] === true)
        return void sendError(res, requestId, {
          status: 400,
          message: `requests.${i}.params.stream: streaming is not supported in batches`,
        });
      const checked = toSimRequest(params, {}, apiKey);
      if (!checked.ok)
        return void sendError(res, requestId, { status: 400, message: `requests.${i}.params.${checked.message}` });
      requests.push({ customId: r.custom_id, params });
    }
    const batch: Batch = { id: this.host.nextId('msgbatch'), createdAt: new Date(), requests };
    this.batches.set(batch.id, batch);
    this.created.push({ id: batch.id, requests: requests.length, systems: requests.map((r) => systemText(r.params)) });
    if (Number.isFinite(this.settings.processingMs))
      batch.timer = setTimeout(() => this.end(batch, 'process'), this.settings.processingMs);
    this.json(res, requestId, this.describe(batch));
  }

  private end(batch: Batch, how: 'process' | 'canceled' | 'expired'): void {
    clearTimeout(batch.timer);
    batch.endedAt = new Date();
    batch.results = batch.requests.map(({ customId, params }) => ({
      custom_id: customId,
      result: how === 'process' ? this.answer(params) : { type: how },
    }));
  }

  /** One request answered as /v1/messages would, through the shared prompt cache. */
  private answer(params: JsonObject): Result {
    const opts = this.host.options();
    const checked = toSimRequest(params, {}, undefined);
    if (!checked.ok) return { type: 'errored', error: { type: 'invalid_request_error', message: checked.message } };
    const simReq = checked.req;
    if (!opts.knownModels.includes(simReq.model))
      return { type: 'errored', error: { type: 'not_found_error', message: `model: ${simReq.model}` } };
    const reply = decideReply(simReq, opts.responder, opts.outputTokens);
    const cache = this.host.cache.plan(simReq.model, flattenPrompt(simReq));
    this.host.cache.commit(cache);
    return {
      type: 'succeeded',
      message: {
        id: this.host.nextId('msg'),
        type: 'message',
        role: 'assistant',
        model: simReq.model,
        content: [{ type: 'text', text: reply.text, citations: null }],
        stop_reason: reply.stopReason,
        stop_sequence: null,
        usage: {
          input_tokens: cache.input_tokens,
          cache_creation_input_tokens: cache.cache_creation_input_tokens,
          cache_read_input_tokens: cache.cache_read_input_tokens,
          output_tokens: reply.outputTokens,
          service_tier: 'batch',
        },
      },
    };
  }

  private describe(b: Batch): JsonObject {
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    if (!b.results) counts.processing = b.requests.length;
    else for (const r of b.results) counts[r.result.type] += 1;
    const expires = new Date(b.createdAt.getTime() + 24 * 3600_000);
    return {
      id: b.id,
      type: 'message_batch',
      processing_status: b.endedAt ? 'ended' : b.cancelAt ? 'canceling' : 'in_progress',
      request_counts: counts,
      created_at: b.createdAt.toISOString(),
      expires_at: expires.toISOString(),
      ended_at: b.endedAt?.toISOString() ?? null,
      cancel_initiated_at: b.cancelAt?.toISOString() ?? null,
      archived_at: null,
      results_url: b.results ? `${this.host.url()}${PREFIX}/${b.id}/results` : null,
    };
  }

  private json(res: ServerResponse, requestId: string, body: JsonObject): void {
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
    res.end(JSON.stringify(body));
  }
}

/** A request's system prompt as text: a string, or its text blocks joined by a blank line. */
function systemText(params: JsonObject): string {
  const system = params['system'];
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return '';
  return system
    .map((b) => (b as { text?: unknown }).text)
    .map((text) => (typeof text === 'string' ? text : ''))
    .join('\n\n');
}
