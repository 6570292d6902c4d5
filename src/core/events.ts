// What a request reports while it runs, as one typed event stream instead of a growing list of
// callback options. New kinds of event (a tool loop's tool use and results) join the union; no call
// gains a parameter.
import type { Logger } from './logger';
import type { RetryNotice } from './retry';
import type { ClaudeResult, StreamStart } from './types';

/** One tool call of a tool loop: the API's `tool_use` block. */
export interface ToolCall {
  id: string;
  name: string;
  input: unknown;
}

export type RequestEvent =
  /** The response began (`message_start`); from now on its cache entry can be read by others. */
  | { type: 'start'; start: StreamStart }
  /** A chunk of the reply's text, in order. */
  | { type: 'text'; text: string }
  /** The request failed before any text and will be sent again after `notice.delayMs`. */
  | { type: 'retry'; notice: RetryNotice }
  /** A tool loop asks to run a tool (its input complete); `turn` counts from 1. */
  | { type: 'toolCall'; turn: number; call: ToolCall }
  /** The tool's answer as sent back: an error the model reads when `isError`. */
  | { type: 'toolResult'; turn: number; call: ToolCall; isError: boolean; content: string };

export type RequestListener = (event: RequestEvent) => void;

/**
 * Why a prompt of a fan-out has not been sent yet: its model's cache is being written by another
 * prompt (`cache`), or the concurrency limit is full and `position` requests are ahead of it or level
 * with it in line (`concurrency`, 1 = next).
 */
export type QueuedNotice = { reason: 'cache' } | { reason: 'concurrency'; position: number; limit: number };

/** A fan-out's events: each request's own, tagged with its prompt's index, and each one's result. */
export type ParallelEvent<R extends ClaudeResult = ClaudeResult> = (RequestEvent | { type: 'done'; result: R }) & {
  index: number;
};

export type ParallelListener<R extends ClaudeResult = ClaudeResult> = (event: ParallelEvent<R>) => void;

/** The listener, made safe to call from a stream or loop: its failure is logged, never thrown. */
export function neverThrowing<E>(listener: ((event: E) => void) | undefined, logger?: Logger): (event: E) => void {
  return (event) => {
    try {
      listener?.(event);
    } catch (err) {
      logger?.error(`A listener threw: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}
