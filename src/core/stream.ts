import { idleTimeoutError, streamWatchdog } from './streamWatchdog';
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
  const watchdog = streamWatchdog(hooks.signal, hooks.idleTimeoutMs);

  let text = '';
  let usage = emptyUsage();
  let stopReason: string | null = null;
  let model = params.model;
  let firstEventAt: number | undefined;
  let finished = false;
  const outcome = (interrupted: boolean): StreamOutcome => {
    const o: StreamOutcome = { text, usage, stopReason, model, interrupted };
    if (firstEventAt !== undefined) o.firstEventAt = firstEventAt;
    if (interrupted && usage.outputTokens <= 1 && text)
      o.usage = { ...usage, outputTokens: estimateTokens(text), estimated: true };
    return o;
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
          safely(
            hooks.onEvent,
            { type: 'start', start: { messageId: event.message.id, model, usage: { ...usage } } },
            hooks.logger,
          );
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta') {
            text += event.delta.text;
            safely(hooks.onEvent, { type: 'text', text: event.delta.text }, hooks.logger);
          }
          break;
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
    if (watchdog.timedOut) throw idleTimeoutError(hooks.idleTimeoutMs, text);
    if (watchdog.signal.aborted) return outcome(true);
    if (!finished) {
      throw new ClaudeInvocationError(
        `The stream ended before the reply was complete. ${hintFor('connection')}`,
        undefined,
        { kind: 'connection' },
        text,
      );
    }
    return outcome(false);
  } catch (err) {
    if (hooks.signal?.aborted) return outcome(true);
    const error = watchdog.timedOut ? idleTimeoutError(hooks.idleTimeoutMs, text) : toInvocationError(err, text);
    // Billed output of a reply cut short: the API's final count never came, so estimate it from the text.
    error.usage =
      text && usage.outputTokens <= 1 ? { ...usage, outputTokens: estimateTokens(text), estimated: true } : usage;
    throw error;
  } finally {
    watchdog.dispose();
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
