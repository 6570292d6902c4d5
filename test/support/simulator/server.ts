// The HTTP server: routing, authentication, validation, the request log, concurrency tracking and
// lifecycle. Message production itself lives in messages.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Arrivals } from './arrivals';
import { BatchRoutes } from './batches';
import { countBreakpoints, MAX_BREAKPOINTS, PromptCache } from './cache';
import { sendError } from './errors';
import { Exchange } from './exchange';
import { describeFault, FaultQueue } from './faults';
import { ResponseGate, type HoldOptions } from './gate';
import { jsonMessage, streamMessage } from './messages';
import { getModel, listModels } from './models';
import { flattenPrompt } from './prompt';
import { parseJsonBody, readBody, splitHeaders, toSimRequest } from './request';
import { decideReply } from './responder';
import { handleControl } from './control';
import { COUNT_TOKENS_PATH, handleCountTokens } from './countTokens';
import { checkCloudAuth } from './cloud/auth';
import { frameAsEventStream } from './cloud/eventStream';
import { handleGceMetadata } from './cloud/gceMetadata';
import { anthropicModelOf, cloudRoute, type CloudRoute } from './cloud/routes';
import { resolveOptions } from './options';
import type { Fault, RequestLogEntry, TokenCountEntry, ResolvedOptions, Simulator, SimulatorOptions } from './types';

export class SimulatorServer implements Simulator {
  readonly log: RequestLogEntry[] = [];
  readonly tokenCounts: TokenCountEntry[] = [];
  private readonly opts: ResolvedOptions;
  private readonly server: Server;
  private readonly cache: PromptCache;
  private readonly faults = new FaultQueue();
  private readonly sockets = new Set<Socket>();
  private readonly open = new Set<Exchange>();
  private readonly idleWaiters = new Set<() => void>();
  private readonly gate = new ResponseGate();
  private readonly arrivals = new Arrivals();
  private peak = 0;
  private counter = 0;
  private boundPort = 0;
  /** The Message Batches endpoints (batches.ts). */
  readonly batches: BatchRoutes;

  constructor(options: SimulatorOptions = {}) {
    this.opts = resolveOptions(options);
    this.cache = new PromptCache(() => this.opts.now());
    this.batches = new BatchRoutes({
      options: () => this.opts,
      cache: this.cache,
      nextId: (p) => this.nextId(p),
      authorized: (k) => this.authorized(k),
      url: () => this.url,
    });
    this.server = createServer((req, res) => this.route(req, res));
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    });
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(this.opts.port, '127.0.0.1', () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    const address = this.server.address();
    this.boundPort = typeof address === 'object' && address !== null ? address.port : 0;
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  get maxConcurrent(): number {
    return this.peak;
  }

  configure(patch: Partial<SimulatorOptions>): void {
    const { port: _ignored, ...rest } = patch;
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined && key !== 'apiKey' && key !== 'responder') continue;
      (this.opts as Record<string, unknown>)[key] = value;
    }
  }

  enqueueFault(fault: Fault): void {
    this.faults.enqueue(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  inFlight(): number {
    return this.open.size;
  }

  waitForIdle(timeoutMs = 5000): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.idleWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.idleWaiters.delete(done);
        reject(new Error(`simulator still has ${this.open.size} open request(s) after ${timeoutMs} ms`));
      }, timeoutMs);
      this.idleWaiters.add(done);
    });
  }

  holdResponses(options?: HoldOptions): void {
    this.gate.hold(options);
  }

  releaseResponses(count?: number): number {
    return this.gate.release(count);
  }

  get heldResponses(): number {
    return this.gate.heldCount;
  }

  waitForRequests(count: number, timeoutMs = 10_000): Promise<void> {
    return this.arrivals.waitFor(count, timeoutMs);
  }

  reset(): void {
    this.log.length = 0;
    this.tokenCounts.length = 0;
    this.cache.clear();
    this.faults.clear();
    this.gate.release();
    this.arrivals.reset();
    this.peak = this.open.size;
  }

  async close(): Promise<void> {
    this.batches.close();
    this.gate.release();
    for (const ex of this.open) ex.clearTimers();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await closed;
    // The responses' 'close' events follow the sockets' shortly; wait for them so the log is final.
    await this.waitForIdle(1000).catch(() => undefined);
    for (const ex of this.open) {
      ex.onClose();
      this.open.delete(ex);
    }
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}_sim${String(this.counter).padStart(8, '0')}`;
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '');
    if (req.method === 'POST' && path === '/v1/messages') {
      void this.handleMessages(req, res);
      return;
    }
    const cloud = cloudRoute(req.method, path);
    if (cloud?.kind === 'messages') {
      void this.handleMessages(req, res, cloud);
      return;
    }
    if (cloud?.kind === 'countTokens') {
      const auth = checkCloudAuth(cloud, req, this.opts.cloud);
      if (!auth.ok) {
        req.resume();
        sendError(res, this.nextId('req'), { status: auth.status, message: auth.message });
        return;
      }
      void handleCountTokens(
        req,
        res,
        this.nextId('req'),
        this.opts.maxRequestBytes,
        (m) => this.isKnown(m),
        (entry) => this.tokenCounts.push(entry),
        true,
      );
      return;
    }
    const metadata = {
      token: this.opts.cloud.metadataToken ?? 'sim-gce-token',
      projectId: this.opts.cloud.metadataProject ?? 'sim-project',
    };
    if (handleGceMetadata(req, res, path, metadata)) return;
    if (this.opts.control && handleControl(this, path, req, res)) return;
    if (this.batches.handle(path, req, res)) return;
    const requestId = this.nextId('req');
    const { apiKey } = splitHeaders(req);
    if (req.method === 'POST' && path === COUNT_TOKENS_PATH && this.authorized(apiKey)) {
      void handleCountTokens(
        req,
        res,
        requestId,
        this.opts.maxRequestBytes,
        (m) => this.isKnown(m),
        (entry) => this.tokenCounts.push(entry),
      );
      return;
    }
    req.resume();
    if (!this.authorized(apiKey)) {
      sendError(res, requestId, { status: 401 });
      return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      listModels(res, requestId, this.opts.knownModels, url.searchParams);
    } else if (req.method === 'GET' && path.startsWith('/v1/models/')) {
      getModel(res, requestId, this.opts.knownModels, decodeURIComponent(path.slice('/v1/models/'.length)));
    } else {
      sendError(res, requestId, { status: 404, message: `Not found: ${req.method} ${url.pathname}` });
    }
  }

  /** Our model names, or a Bedrock or Vertex id of one of them. */
  private isKnown(model: string): boolean {
    return this.opts.knownModels.includes(model) || this.opts.knownModels.includes(anthropicModelOf(model));
  }

  private authorized(apiKey: string | undefined): boolean {
    return this.opts.apiKey === undefined || apiKey === this.opts.apiKey;
  }

  private async handleMessages(req: IncomingMessage, res: ServerResponse, cloud?: CloudRoute): Promise<void> {
    const generation = this.arrivals.current;
    try {
      await this.answerMessages(req, res, cloud);
    } finally {
      this.arrivals.noteDecided(generation);
    }
  }

  /** Reads, logs and validates one POST /v1/messages (or its cloud shape), then starts its reply (or sends its error). */
  private async answerMessages(req: IncomingMessage, res: ServerResponse, cloud?: CloudRoute): Promise<void> {
    const requestId = this.nextId('req');
    const { headers, apiKey } = splitHeaders(req);
    const entry: RequestLogEntry = {
      id: requestId,
      model: '',
      body: undefined,
      headers,
      stream: false,
      receivedAt: this.opts.timers.now(),
      status: 0,
      aborted: false,
      completed: false,
      usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      streamedTokens: 0,
      concurrentAtStart: 0,
    };
    if (apiKey !== undefined) entry.apiKey = apiKey;
    this.log.push(entry);
    const ex = new Exchange(entry, res, this.opts.timers);
    this.open.add(ex);
    entry.concurrentAtStart = this.open.size;
    this.peak = Math.max(this.peak, this.open.size);
    res.on('close', () => {
      ex.onClose();
      this.open.delete(ex);
      if (this.open.size === 0) for (const waiter of [...this.idleWaiters]) waiter();
    });

    const fail = (status: number, message?: string, extra?: Record<string, string>): void => {
      const sent = sendError(res, requestId, {
        status,
        ...(message ? { message } : {}),
        ...(extra ? { headers: extra } : {}),
      });
      entry.status = sent.status;
      entry.errorType = sent.type;
      ex.end();
    };

    const body = await readBody(req, this.opts.maxRequestBytes);
    if (ex.closed) return;
    if (!body.ok) return fail(413, undefined, { connection: 'close' });
    const auth = cloud && checkCloudAuth(cloud, req, this.opts.cloud);
    if (auth && !auth.ok) return fail(auth.status, auth.message);
    if (!cloud && !this.authorized(apiKey)) return fail(401);
    const parsed = parseJsonBody(body.raw);
    if (!parsed.ok) return fail(400, parsed.message);
    if (cloud?.kind === 'messages') {
      // The clouds take the model and streaming from the URL and the API version from the body.
      const { anthropic_version: version, ...rest } = parsed.body;
      if (typeof version !== 'string' || !version) return fail(400, 'anthropic_version: Field required');
      if (rest['model'] !== undefined) return fail(400, 'model: Extra inputs are not permitted');
      // Vertex reads `stream` from the body too (it must agree with the method); Bedrock refuses it.
      if (rest['stream'] !== undefined && (cloud.provider === 'bedrock' || rest['stream'] !== cloud.stream))
        return fail(400, 'stream: Extra inputs are not permitted');
      const format = (rest['output_config'] as { format?: unknown } | undefined)?.format;
      if (cloud.provider === 'vertex' && format && this.opts.cloud.vertexStructuredOutputs === false)
        return fail(400, 'output_config.format: structured outputs are not enabled for this organization.');
      parsed.body = { ...rest, model: cloud.model, stream: cloud.stream };
      entry.cloud = {
        provider: cloud.provider,
        path: req.url ?? '',
        auth: auth!.ok ? auth!.auth : 'none',
        anthropicVersion: version,
      };
      if (cloud.provider === 'bedrock' && cloud.stream) frameAsEventStream(res);
    }
    entry.body = parsed.body;
    if (typeof parsed.body['model'] === 'string') entry.model = parsed.body['model'];
    entry.stream = parsed.body['stream'] === true;
    const checked = toSimRequest(parsed.body, headers, apiKey);
    if (!checked.ok) return fail(400, checked.message);
    const simReq = checked.req;
    if (!this.isKnown(simReq.model)) return fail(404, `model: ${simReq.model}`);
    const blocks = flattenPrompt(simReq);
    const breakpoints = countBreakpoints(blocks);
    if (breakpoints > MAX_BREAKPOINTS) {
      return fail(
        400,
        `A maximum of ${MAX_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`,
      );
    }

    const fault = this.faults.take(simReq);
    if (fault) entry.fault = describeFault(fault);
    if (fault?.kind === 'status') {
      const extra: Record<string, string> = {};
      const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
      if (retryAfter !== undefined) extra['retry-after'] = String(retryAfter);
      if (fault.shouldRetry !== undefined) extra['x-should-retry'] = String(fault.shouldRetry);
      const sent = sendError(res, requestId, {
        status: fault.status,
        ...(fault.errorType ? { type: fault.errorType } : {}),
        ...(fault.message
          ? { message: typeof fault.message === 'function' ? fault.message(simReq) : fault.message }
          : {}),
        headers: extra,
      });
      entry.status = sent.status;
      entry.errorType = sent.type;
      ex.end();
      return;
    }

    let reply;
    try {
      reply = decideReply(simReq, this.opts.responder, this.opts.outputTokens);
    } catch (e) {
      return fail(500, `simulator responder threw: ${(e as Error).message}`);
    }
    const cachePlan = this.cache.plan(simReq.model, blocks);
    const slow = fault?.kind === 'slow' ? fault : undefined;
    // A reply that never begins (hang; stall without streaming) takes no place at the gate.
    const begins = fault?.kind !== 'hang' && !(fault?.kind === 'stall' && !simReq.stream);
    if (begins) ex.gate = this.gate.admit();
    const plan = {
      req: simReq,
      requestId,
      messageId: this.nextId('msg'),
      reply,
      cache: cachePlan,
      fault,
      timeToFirstTokenMs: slow?.timeToFirstTokenMs ?? this.opts.timeToFirstTokenMs,
      tokensPerSecond: slow?.tokensPerSecond ?? this.opts.tokensPerSecond,
      tokensPerChunk: this.opts.tokensPerChunk,
      pingIntervalMs: this.opts.pingIntervalMs,
      commitCache: () => this.cache.commit(cachePlan),
      gate: ex.gate,
    };
    entry.messageId = plan.messageId;
    if (simReq.stream) streamMessage(ex, plan);
    else jsonMessage(ex, plan);
  }
}
