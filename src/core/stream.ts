import type Anthropic from '@anthropic-ai/sdk';
import type { SdkClient } from './client';
import { ClaudeInvocationError, hintFor, toInvocationError } from './errors';
import type { Logger } from './logger';
import { estimateTokens } from './tokens';
import type { RequestEvent, RequestListener } from './events';
import { emptyUsage, fromApiUsage, type Usage } from './usage';

export interface StreamOutcome {
  text: string;
  usage: Usage;
  stopReason: string | null;
  model: string;
  interrupted: boolean;
  firstEventAt?: number;
}

export interface StreamHooks {
  signal?: AbortSignal;
  idleTimeoutMs: number;
  logger?: Logger;
  onEvent?: RequestListener;
}

export type StreamParams = Omit<Anthropic.MessageCreateParamsStreaming, 'stream'>;

/** Calls the listener without letting its failure kill the stream. */
function safely(fn: RequestListener | undefined, event: RequestEvent, logger?: Logger): void {
  if (!fn) return;
  try {
    fn(event);
  } catch (err) {
    logger?.error(`A stream callback threw: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * One streamed request. Returns what arrived, flagged when interrupted; throws a
 * ClaudeInvocationError carrying the partial text on any failure (mid-stream `error` events,
 * dropped connections, silence longer than `idleTimeoutMs`, unreadable events).
 */
export async function streamOnce(client: SdkClient, params: StreamParams, hooks: StreamHooks): Promise<StreamOutcome> {
  const controller = new AbortController();
  const forwardAbort = () => controller.abort();
  if (hooks.signal?.aborted) controller.abort();
  hooks.signal?.addEventListener('abort', forwardAbort, { once: true });

  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const resetIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, hooks.idleTimeoutMs);
  };

  let text = '';
  let usage = emptyUsage();
  let stopReason: string | null = null;
  let model = params.model;
  let firstEventAt: number | undefined;
  let finished = false;
  /** Tool calls being streamed, by content block index: their input arrives as JSON fragments. */
  const toolCalls = new Map<number, { id: string; name: string; json: string }>();
  const outcome = (interrupted: boolean): StreamOutcome => {
    const o: StreamOutcome = { text, usage, stopReason, model, interrupted };
    if (firstEventAt !== undefined) o.firstEventAt = firstEventAt;
    if (interrupted && usage.outputTokens <= 1 && text) o.usage = { ...usage, outputTokens: estimateTokens(text), estimated: true };
    return o;
  };

  try {
    resetIdle();
    const stream = await client.messages.create({ ...params, stream: true }, { signal: controller.signal });
    for await (const event of stream) {
      resetIdle();
      switch (event.type) {
        case 'message_start':
          firstEventAt ??= performance.now();
          usage = fromApiUsage(event.message.usage);
          model = event.message.model || model;
          safely(hooks.onEvent, { type: 'start', start: { messageId: event.message.id, model, usage: { ...usage } } }, hooks.logger);
          break;
        case 'content_block_start':
          if (event.content_block.type === 'tool_use') toolCalls.set(event.index, { id: event.content_block.id, name: event.content_block.name, json: '' });
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta') {
            text += event.delta.text;
            safely(hooks.onEvent, { type: 'text', text: event.delta.text }, hooks.logger);
          } else if (event.delta.type === 'input_json_delta') {
            const call = toolCalls.get(event.index);
            if (call) call.json += event.delta.partial_json;
          }
          break;
        case 'content_block_stop': {
          const call = toolCalls.get(event.index);
          if (call) {
            toolCalls.delete(event.index);
            safely(hooks.onEvent, { type: 'toolUse', id: call.id, name: call.name, input: parseToolInput(call.json) }, hooks.logger);
          }
          break;
        }
        case 'message_delta':
          stopReason = event.delta.stop_reason ?? stopReason;
          usage = { ...usage, ...pickDefined(fromApiUsage(event.usage), event.usage) };
          break;
        case 'message_stop':
          finished = true;
          break;
        default:
          break;
      }
    }
    if (timedOut) throw idleTimeoutError(hooks.idleTimeoutMs, text);
    if (controller.signal.aborted) return outcome(true);
    if (!finished) {
      throw new ClaudeInvocationError(`The stream ended before the reply was complete. ${hintFor('connection')}`, undefined, { kind: 'connection' }, text);
    }
    return outcome(false);
  } catch (err) {
    if (timedOut) throw idleTimeoutError(hooks.idleTimeoutMs, text);
    if (hooks.signal?.aborted) return outcome(true);
    throw toInvocationError(err, text);
  } finally {
    clearTimeout(idleTimer);
    hooks.signal?.removeEventListener('abort', forwardAbort);
  }
}

/** A tool call's input: the JSON the model streamed, `{}` when it sent none. */
function parseToolInput(json: string): unknown {
  if (!json.trim()) return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new ClaudeInvocationError('The model sent a tool call whose input is not valid JSON.', undefined, { kind: 'malformed' }, '');
  }
}

/** message_delta carries final counts; keep earlier values for fields it leaves out. */
function pickDefined(converted: Usage, raw: object): Partial<Usage> {
  const r = raw as Record<string, unknown>;
  const out: Partial<Usage> = { outputTokens: converted.outputTokens };
  if (typeof r['input_tokens'] === 'number') out.inputTokens = converted.inputTokens;
  if (typeof r['cache_creation_input_tokens'] === 'number') out.cacheWriteTokens = converted.cacheWriteTokens;
  if (typeof r['cache_read_input_tokens'] === 'number') out.cacheReadTokens = converted.cacheReadTokens;
  return out;
}

const idleTimeoutError = (ms: number, partial: string) =>
  new ClaudeInvocationError(`No data from the API for ${Math.round(ms / 1000)} s. ${hintFor('timeout')}`, undefined, { kind: 'timeout' }, partial);
