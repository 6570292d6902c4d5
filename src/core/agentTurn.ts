// One streamed turn of a tool loop: like stream.ts, but it keeps every content block (text and
// `tool_use` with its input JSON assembled from `input_json_delta` pieces), because the next turn must
// send them back verbatim. Retries while nothing has streamed, as runRequest does.
import { idleTimeoutError, streamWatchdog } from './streamWatchdog';
import type Anthropic from '@anthropic-ai/sdk';
import type { SdkClient } from './client';
import { ClaudeInvocationError, hintFor, toInvocationError } from './errors';
import type { RequestListener, ToolCall } from './events';
import { silentLogger, type Logger } from './logger';
import { DEFAULT_RETRY, retryDelay, shouldRetry, sleep, type RetryPolicy } from './retry';
import type { StreamParams } from './stream';
import { emptyUsage, fromApiUsage, type Usage } from './usage';

export interface TurnOutcome {
  /** Text blocks (non-empty) and tool_use blocks, in order, as the next request must repeat them. */
  content: Anthropic.ContentBlockParam[];
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
  stopReason: string | null;
  model: string;
  interrupted: boolean;
}

export interface TurnHooks {
  signal: AbortSignal;
  idleTimeoutMs: number;
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  onEvent?: RequestListener;
}

type OpenBlock = { kind: 'text'; text: string } | { kind: 'tool'; id: string; name: string; json: string };

/** Runs one turn with retries before anything streamed. Throws ClaudeInvocationError; an abort returns `interrupted`. */
export async function runTurn(client: SdkClient, params: StreamParams, hooks: TurnHooks): Promise<TurnOutcome> {
  const policy = { ...DEFAULT_RETRY, ...hooks.retry };
  const logger = hooks.logger ?? silentLogger;
  for (let attempt = 1; ; attempt++) {
    try {
      return await streamTurn(client, params, hooks);
    } catch (caught) {
      const error = toInvocationError(caught);
      error.details.attempts = attempt;
      if (error.partialText || !shouldRetry(policy, attempt, error)) throw error;
      const delayMs = retryDelay(policy, attempt, error);
      logger.warn(
        `${error.message} Retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${policy.maxRetries + 1}).`,
      );
      emit(hooks, { type: 'retry', notice: { attempt: attempt + 1, delayMs, error } });
      try {
        await sleep(delayMs, hooks.signal);
      } catch {
        return {
          content: [],
          text: '',
          toolCalls: [],
          usage: emptyUsage(),
          stopReason: null,
          model: params.model,
          interrupted: true,
        };
      }
    }
  }
}

function emit(hooks: TurnHooks, event: Parameters<RequestListener>[0]): void {
  try {
    hooks.onEvent?.(event);
  } catch (err) {
    hooks.logger?.error(`A stream callback threw: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function streamTurn(client: SdkClient, params: StreamParams, hooks: TurnHooks): Promise<TurnOutcome> {
  const watchdog = streamWatchdog(hooks.signal, hooks.idleTimeoutMs);

  const blocks = new Map<number, OpenBlock>();
  let usage = emptyUsage();
  let stopReason: string | null = null;
  let model = params.model;
  let finished = false;
  const text = () => [...blocks.values()].map((b) => (b.kind === 'text' ? b.text : '')).join('');
  const outcome = (interrupted: boolean): TurnOutcome => {
    const content: Anthropic.ContentBlockParam[] = [];
    const toolCalls: ToolCall[] = [];
    for (const index of [...blocks.keys()].sort((a, b) => a - b)) {
      const b = blocks.get(index)!;
      if (b.kind === 'text') {
        // The API refuses empty text blocks in a request.
        if (b.text) content.push({ type: 'text', text: b.text });
      } else if (!interrupted) {
        const input = parseInput(b.json);
        content.push({ type: 'tool_use', id: b.id, name: b.name, input });
        toolCalls.push({ id: b.id, name: b.name, input });
      }
    }
    return { content, text: text(), toolCalls, usage, stopReason, model, interrupted };
  };

  try {
    watchdog.touch();
    const stream = await client.messages.create({ ...params, stream: true }, { signal: watchdog.signal });
    for await (const event of stream) {
      watchdog.touch();
      switch (event.type) {
        case 'message_start':
          usage = fromApiUsage(event.message.usage);
          model = event.message.model || model;
          emit(hooks, { type: 'start', start: { messageId: event.message.id, model, usage: { ...usage } } });
          break;
        case 'content_block_start':
          if (event.content_block.type === 'tool_use')
            blocks.set(event.index, {
              kind: 'tool',
              id: event.content_block.id,
              name: event.content_block.name,
              json: '',
            });
          else if (event.content_block.type === 'text')
            blocks.set(event.index, { kind: 'text', text: event.content_block.text });
          break;
        case 'content_block_delta': {
          const block = blocks.get(event.index);
          if (event.delta.type === 'text_delta' && block?.kind === 'text') {
            block.text += event.delta.text;
            emit(hooks, { type: 'text', text: event.delta.text });
          } else if (event.delta.type === 'input_json_delta' && block?.kind === 'tool') {
            block.json += event.delta.partial_json;
          }
          break;
        }
        case 'message_delta': {
          stopReason = event.delta.stop_reason ?? stopReason;
          const raw = event.usage as unknown as Record<string, unknown>;
          usage = { ...usage, outputTokens: event.usage.output_tokens };
          if (typeof raw['input_tokens'] === 'number') usage.inputTokens = raw['input_tokens'];
          if (typeof raw['cache_creation_input_tokens'] === 'number')
            usage.cacheWriteTokens = raw['cache_creation_input_tokens'];
          if (typeof raw['cache_read_input_tokens'] === 'number')
            usage.cacheReadTokens = raw['cache_read_input_tokens'];
          break;
        }
        case 'message_stop':
          finished = true;
          break;
        default:
          break;
      }
    }
    if (watchdog.timedOut) throw idleTimeoutError(hooks.idleTimeoutMs, text());
    if (watchdog.signal.aborted) return outcome(true);
    if (!finished)
      throw new ClaudeInvocationError(
        `The stream ended before the reply was complete. ${hintFor('connection')}`,
        undefined,
        { kind: 'connection' },
        text(),
      );
    return outcome(false);
  } catch (err) {
    if (watchdog.timedOut) throw idleTimeoutError(hooks.idleTimeoutMs, text());
    if (hooks.signal.aborted) return outcome(true);
    throw toInvocationError(err, text());
  } finally {
    watchdog.dispose();
  }
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
