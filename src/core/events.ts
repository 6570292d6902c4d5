// What a request reports while it runs, as one typed event stream instead of a growing list of
// callback options. New kinds of event (a tool loop's tool use and results) join the union; no call
// gains a parameter.
import type { RetryNotice } from './retry';
import type { ClaudeResult, StreamStart } from './types';

export type RequestEvent =
  /** The response began (`message_start`); from now on its cache entry can be read by others. */
  | { type: 'start'; start: StreamStart }
  /** A chunk of the reply's text, in order. */
  | { type: 'text'; text: string }
  /** The request failed before any text and will be sent again after `notice.delayMs`. */
  | { type: 'retry'; notice: RetryNotice }
  /** The model asked to call a tool the request offered (`tools`); its input is complete JSON. */
  | { type: 'toolUse'; id: string; name: string; input: unknown };

export type RequestListener = (event: RequestEvent) => void;

/** A fan-out's events: each request's own, tagged with its prompt's index, and each one's result. */
export type ParallelEvent = (RequestEvent | { type: 'done'; result: ClaudeResult }) & { index: number };

export type ParallelListener = (event: ParallelEvent) => void;
