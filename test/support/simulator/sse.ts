// Server-sent event framing and a writer that never throws when the client has gone away.
import type { ServerResponse } from 'node:http';

/** One SSE frame: `event: <name>\ndata: <json>\n\n`. */
export function sseFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** True when nothing more can be written to the response. */
export function isGone(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded || res.socket === null || res.socket.destroyed;
}

/** Writes raw text if the response is still writable; returns whether it was written. */
export function safeWrite(res: ServerResponse, chunk: string): boolean {
  if (isGone(res)) return false;
  try {
    res.write(chunk);
    return true;
  } catch {
    return false;
  }
}

/** Writes one event (the event's `type` field is set to its name, as the API does). */
export function writeEvent(res: ServerResponse, event: string, data: Record<string, unknown>): boolean {
  return safeWrite(res, sseFrame(event, { type: event, ...data }));
}
