// Producing a message for a validated request: streamed over SSE or as one JSON response, with the
// pacing and the faults (midStreamError, drop, stall, malformed, hang) applied.
import type { CachePlan } from './cache';
import { defaultErrorMessage, errorBody, sendError, statusForErrorType } from './errors';
import type { Exchange } from './exchange';
import type { GateTicket } from './gate';
import { chunkText, type Reply } from './responder';
import { safeWrite, writeEvent } from './sse';
import { countTokens } from './tokens';
import { writeToolUseBlocks } from './toolUse';
import type { Fault, SimRequest } from './types';

export interface MessagePlan {
  req: SimRequest;
  requestId: string;
  messageId: string;
  reply: Reply;
  cache: CachePlan;
  fault: Fault | undefined;
  timeToFirstTokenMs: number;
  tokensPerSecond: number;
  tokensPerChunk: number;
  pingIntervalMs: number;
  /** Makes the plan's cache writes available (called when the message begins). */
  commitCache: () => void;
  /** The test's gate: the message begins at time to first token or when released, whichever is later. */
  gate: GateTicket;
}

type StreamFault = Extract<Fault, { afterTokens: number }>;

function streamFault(fault: Fault | undefined): StreamFault | undefined {
  return fault && 'afterTokens' in fault ? fault : undefined;
}

function usageOf(p: MessagePlan, outputTokens: number): Record<string, unknown> {
  return {
    input_tokens: p.cache.input_tokens,
    cache_creation_input_tokens: p.cache.cache_creation_input_tokens,
    cache_read_input_tokens: p.cache.cache_read_input_tokens,
    cache_creation: { ...p.cache.cache_creation },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

function messageObject(p: MessagePlan, content: unknown[], stopReason: string | null, outputTokens: number) {
  return {
    id: p.messageId,
    type: 'message',
    role: 'assistant',
    model: p.req.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: usageOf(p, outputTokens),
  };
}

function msPerChunk(p: MessagePlan): number {
  const tps = p.tokensPerSecond;
  if (!(tps > 0) || !Number.isFinite(tps)) return 0;
  return (Math.max(1, p.tokensPerChunk) / tps) * 1000;
}

function recordUsage(ex: Exchange, p: MessagePlan): void {
  ex.entry.usage.input_tokens = p.cache.input_tokens;
  ex.entry.usage.cache_creation_input_tokens = p.cache.cache_creation_input_tokens;
  ex.entry.usage.cache_read_input_tokens = p.cache.cache_read_input_tokens;
}

/** Streams the message: headers now, message_start after the time to first token, paced deltas. */
export function streamMessage(ex: Exchange, p: MessagePlan): void {
  const { res, entry } = ex;
  recordUsage(ex, p);
  if (p.fault?.kind === 'hang') return; // not even headers
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'request-id': p.requestId,
  });
  res.flushHeaders();
  entry.status = 200;

  const fault = streamFault(p.fault);
  const chunks = chunkText(p.reply.text, p.tokensPerChunk);
  const interval = msPerChunk(p);
  const clock = ex.clock;
  let next = 0;
  let t0 = 0;
  let stopPing: (() => void) | undefined;

  const trigger = (f: StreamFault): void => {
    stopPing?.();
    switch (f.kind) {
      case 'midStreamError': {
        const type = f.errorType ?? 'overloaded_error';
        entry.errorType = type;
        safeWrite(
          res,
          `event: error\ndata: ${JSON.stringify(errorBody(type, f.message ?? defaultErrorMessage(type)))}\n\n`,
        );
        ex.end();
        return;
      }
      case 'drop':
        ex.destroy();
        return;
      case 'malformed':
        safeWrite(res, 'event: content_block_delta\ndata: {not json\n\n');
        ex.end();
        return;
      case 'stall':
        return; // nothing more, ever; the close handler cleans up
    }
  };

  const finish = (): void => {
    stopPing?.();
    writeEvent(res, 'content_block_stop', { index: 0 });
    writeToolUseBlocks(res, 1, p.reply.toolUses ?? []);
    entry.usage.output_tokens = p.reply.outputTokens;
    const usage = usageOf(p, p.reply.outputTokens);
    delete usage['service_tier'];
    delete usage['cache_creation'];
    writeEvent(res, 'message_delta', {
      delta: { stop_reason: p.reply.stopReason, stop_sequence: null },
      usage,
    });
    const ok = writeEvent(res, 'message_stop', {});
    if (ok) entry.completed = true;
    ex.end();
  };

  // A test holding replies after N tokens: the stream stops there (pings go on) until released, and its
  // pacing resumes from the release.
  const holdAt = p.gate.afterTokens;
  let passedHold = holdAt === undefined;
  const pauseAtHold = (): void => {
    passedHold = true;
    const pausedAt = clock.now();
    p.gate.whenReleased(() => {
      if (ex.closed) return;
      t0 += clock.now() - pausedAt;
      pump();
    });
  };

  const pump = (): void => {
    while (next < chunks.length) {
      if (!passedHold && entry.streamedTokens >= (holdAt ?? 0)) return pauseAtHold();
      const wait = t0 + next * interval - clock.now();
      if (wait > 1) return ex.after(wait, pump);
      if (fault && entry.streamedTokens >= fault.afterTokens) return trigger(fault);
      const text = chunks[next] ?? '';
      next += 1;
      if (!writeEvent(res, 'content_block_delta', { index: 0, delta: { type: 'text_delta', text } })) return;
      entry.firstTokenAt ??= clock.now();
      entry.streamedTokens += countTokens(text);
      entry.usage.output_tokens = entry.streamedTokens;
    }
    if (!passedHold) return pauseAtHold();
    if (fault) return trigger(fault);
    finish();
  };

  const begin = (): void => {
    if (ex.closed || !writeEvent(res, 'message_start', { message: messageObject(p, [], null, 1) })) return;
    entry.messageStartAt = clock.now();
    p.commitCache();
    writeEvent(res, 'content_block_start', { index: 0, content_block: { type: 'text', text: '', citations: null } });
    writeEvent(res, 'ping', {});
    stopPing = ex.every(p.pingIntervalMs, () => writeEvent(res, 'ping', {}));
    t0 = clock.now();
    pump();
  };
  ex.after(p.timeToFirstTokenMs, () => (holdAt === undefined ? p.gate.whenReleased(begin) : begin()));
}

/** Sends the whole message as JSON after the time to first token plus the generation time. */
export function jsonMessage(ex: Exchange, p: MessagePlan): void {
  const { res, entry } = ex;
  recordUsage(ex, p);
  if (p.fault?.kind === 'hang' || p.fault?.kind === 'stall') return;
  const generationMs = Math.ceil(p.reply.outputTokens / Math.max(1, p.tokensPerChunk)) * msPerChunk(p);
  const begin = (): void => {
    if (ex.closed) return;
    entry.messageStartAt = ex.clock.now();
    p.commitCache();
    ex.after(generationMs, () => (p.gate.afterTokens === undefined ? send() : p.gate.whenReleased(send)));
  };
  const send = (): void => {
    if (ex.closed) return;
    const fault = p.fault;
    if (fault?.kind === 'drop') return ex.destroy();
    if (fault?.kind === 'midStreamError') {
      const type = fault.errorType ?? 'overloaded_error';
      const sent = sendError(res, p.requestId, {
        status: statusForErrorType(type),
        type,
        message: fault.message ?? defaultErrorMessage(type),
      });
      entry.status = sent.status;
      entry.errorType = sent.type;
      ex.end();
      return;
    }
    const payload =
      fault?.kind === 'malformed'
        ? '{not json'
        : JSON.stringify(
            messageObject(
              p,
              [{ type: 'text', text: p.reply.text, citations: null }, ...(p.reply.toolUses ?? [])],
              p.reply.stopReason,
              p.reply.outputTokens,
            ),
          );
    if (ex.res.destroyed) return;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
      'request-id': p.requestId,
    });
    entry.status = 200;
    entry.firstTokenAt = ex.clock.now();
    entry.streamedTokens = p.reply.outputTokens;
    entry.usage.output_tokens = p.reply.outputTokens;
    ex.end(payload);
    if (fault?.kind !== 'malformed') entry.completed = true;
  };
  ex.after(p.timeToFirstTokenMs, () => (p.gate.afterTokens === undefined ? p.gate.whenReleased(begin) : begin()));
}
