// The one reader of a streamed Messages API reply (server-sent events): text and tool calls, usage,
// stop reason, and what a reply cut short was billed. Plain calls, fan-outs, conversations and tool
// loops all read through it; retries are retry.ts's, parameters params.ts's.
import type Anthropic from '@anthropic-ai/sdk';
import type { SdkClient } from './client';
import { ClaudeInvocationError, hintFor, toInvocationError } from './errors';
import { neverThrowing, type RequestListener, type ToolCall } from './events';
import type { Logger } from './logger';
import type { RequestParams } from './params';
import { idleTimeoutError, streamWatchdog } from './streamWatchdog';
import { estimateTokens } from './tokens';
import { emptyUsage, fromApiUsage, type Usage } from './usage';

export interface StreamOutcome {
  /** Text blocks (non-empty) and complete tool_use blocks, in order, as a next turn must repeat them. */
  content: Anthropic.ContentBlockParam[];
  text: string;
  /** The reply's tool calls; none when interrupted (their input may be incomplete). */
  toolCalls: ToolCall[];
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
  /** Start and text events; a listener that throws is logged, never fatal to the stream. */
  onEvent?: RequestListener;
}

type OpenBlock = { kind: 'text'; text: string } | { kind: 'tool'; id: string; name: string; json: string };

/**
 * What a reply was billed for. When the stream ends before the API's final count (a failure or an
 * interruption after `message_start` reported output 1 or less), the output is estimated from what arrived:
 * the text and any tool input JSON.
 */
function billedUsage(usage: Usage, arrived: string): Usage {
  if (!arrived || usage.outputTokens > 1) return usage;
  return { ...usage, outputTokens: estimateTokens(arrived), estimated: true };
}

/**
 * One streamed request. Returns what arrived, flagged when interrupted; throws a ClaudeInvocationError
 * carrying the partial text and the billed usage on any failure (mid-stream `error` events, dropped
 * connections, silence longer than `idleTimeoutMs`, unreadable events).
 */
export async function readMessageStream(
  client: SdkClient,
  params: RequestParams,
  hooks: StreamHooks,
): Promise<StreamOutcome> {
  const watchdog = streamWatchdog(hooks.signal, hooks.idleTimeoutMs);
  const emit = neverThrowing(hooks.onEvent, hooks.logger);
  const blocks = new Map<number, OpenBlock>();
  let usage = emptyUsage();
  let stopReason: string | null = null;
  let model = params.model;
  let firstEventAt: number | undefined;
  let finished = false;

  const ordered = () => [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
  const text = () => ordered().reduce((all, b) => (b.kind === 'text' ? all + b.text : all), '');
  const arrived = () => ordered().reduce((all, b) => all + (b.kind === 'text' ? b.text : b.json), '');
  const outcome = (interrupted: boolean): StreamOutcome => {
    const content: Anthropic.ContentBlockParam[] = [];
    const toolCalls: ToolCall[] = [];
    for (const b of ordered()) {
      // The API refuses empty text blocks in a request.
      if (b.kind === 'text') {
        if (b.text) content.push({ type: 'text', text: b.text });
      } else if (!interrupted) {
        const input = parseInput(b.json);
        content.push({ type: 'tool_use', id: b.id, name: b.name, input });
        toolCalls.push({ id: b.id, name: b.name, input });
      }
    }
    const read: StreamOutcome = { content, text: text(), toolCalls, usage, stopReason, model, interrupted };
    if (interrupted) read.usage = billedUsage(usage, arrived());
    if (firstEventAt !== undefined) read.firstEventAt = firstEventAt;
    return read;
  };
  const failure = (err: unknown): ClaudeInvocationError => {
    const error = watchdog.timedOut ? idleTimeoutError(hooks.idleTimeoutMs, text()) : toInvocationError(err, text());
    error.usage = billedUsage(usage, arrived());
    return error;
  };

  try {
    watchdog.touch();
    const stream = await client.messages.create({ ...params, stream: true }, { signal: watchdog.signal });
    for await (const event of stream) {
      watchdog.touch();
      switch (event.type) {
        case 'message_start':
          firstEventAt ??= performance.now();
          usage = fromApiUsage(event.message.usage);
          model = event.message.model || model;
          emit({ type: 'start', start: { messageId: event.message.id, model, usage: { ...usage } } });
          break;
        case 'content_block_start':
          if (event.content_block.type === 'tool_use') {
            const { id, name } = event.content_block;
            blocks.set(event.index, { kind: 'tool', id, name, json: '' });
          } else if (event.content_block.type === 'text') {
            blocks.set(event.index, { kind: 'text', text: event.content_block.text });
          }
          break;
        case 'content_block_delta': {
          const block = blocks.get(event.index);
          if (event.delta.type === 'text_delta' && block?.kind !== 'tool') {
            // A delta without its block start is still text the user must see.
            if (block) block.text += event.delta.text;
            else blocks.set(event.index, { kind: 'text', text: event.delta.text });
            emit({ type: 'text', text: event.delta.text });
          } else if (event.delta.type === 'input_json_delta' && block?.kind === 'tool') {
            block.json += event.delta.partial_json;
          }
          break;
        }
        case 'message_delta':
          stopReason = event.delta.stop_reason ?? stopReason;
          usage = { ...usage, ...finalCounts(fromApiUsage(event.usage), event.usage) };
          break;
        case 'message_stop':
          finished = true;
          break;
        default:
          break;
      }
    }
    if (watchdog.timedOut) throw failure(undefined);
    if (watchdog.signal.aborted) return outcome(true);
    if (!finished) {
      throw new ClaudeInvocationError(
        `The stream ended before the reply was complete. ${hintFor('connection')}`,
        undefined,
        { kind: 'connection' },
        text(),
      );
    }
    return outcome(false);
  } catch (err) {
    if (hooks.signal?.aborted) return outcome(true);
    throw failure(err);
  } finally {
    watchdog.dispose();
  }
}

/** message_delta carries final counts; keep earlier values for fields it leaves out. */
function finalCounts(converted: Usage, raw: object): Partial<Usage> {
  const r = raw as Record<string, unknown>;
  const out: Partial<Usage> = { outputTokens: converted.outputTokens };
  if (typeof r['input_tokens'] === 'number') out.inputTokens = converted.inputTokens;
  if (typeof r['cache_creation_input_tokens'] === 'number') out.cacheWriteTokens = converted.cacheWriteTokens;
  if (typeof r['cache_read_input_tokens'] === 'number') out.cacheReadTokens = converted.cacheReadTokens;
  return out;
}

/** The input JSON of a tool call; an empty input is `{}`, unreadable JSON is kept as a string for the tool to refuse. */
function parseInput(json: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}
