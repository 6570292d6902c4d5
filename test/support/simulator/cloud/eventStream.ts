// Bedrock's InvokeModelWithResponseStream framing: each Messages event becomes an AWS event-stream
// `chunk` message whose payload is {"bytes": base64(event JSON)}; an `error` event becomes an
// exception message, as Bedrock sends them. Encoded with the AWS SDK's own codec, so the real
// @anthropic-ai/bedrock-sdk decodes what a real endpoint would send.
import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { ServerResponse } from 'node:http';

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8'),
  (text: string) => new Uint8Array(Buffer.from(text, 'utf8')),
);

const str = (value: string) => ({ type: 'string' as const, value });

const EXCEPTION_BY_ERROR: Record<string, string> = {
  overloaded_error: 'serviceUnavailableException',
  rate_limit_error: 'throttlingException',
  api_error: 'internalServerException',
};

function chunkMessage(data: string): Uint8Array {
  const body = JSON.stringify({ bytes: Buffer.from(data, 'utf8').toString('base64') });
  return codec.encode({
    headers: { ':event-type': str('chunk'), ':content-type': str('application/json'), ':message-type': str('event') },
    body: new Uint8Array(Buffer.from(body)),
  });
}

function exceptionMessage(data: string): Uint8Array {
  let type = 'api_error';
  let message = 'Internal server error';
  try {
    const parsed = JSON.parse(data) as { error?: { type?: string; message?: string } };
    type = parsed.error?.type ?? type;
    message = parsed.error?.message ?? message;
  } catch {
    // keep the defaults
  }
  return codec.encode({
    headers: {
      ':exception-type': str(EXCEPTION_BY_ERROR[type] ?? 'modelStreamErrorException'),
      ':content-type': str('application/json'),
      ':message-type': str('exception'),
    },
    body: new Uint8Array(Buffer.from(JSON.stringify({ message }))),
  });
}

/**
 * Re-frames what the Messages code writes as server-sent events into AWS event-stream messages, from
 * the moment it starts a `text/event-stream` response (error responses before that stay JSON).
 */
export function frameAsEventStream(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (
    status: number,
    headers?: Record<string, string | number>,
  ) => ServerResponse;
  const write = res.write.bind(res) as (chunk: Uint8Array) => boolean;
  const end = res.end.bind(res) as (chunk?: Uint8Array | string) => ServerResponse;
  let active = false;
  let pending = '';
  (res as unknown as { writeHead: typeof writeHead }).writeHead = (status, headers = {}) => {
    active = String(headers['content-type'] ?? '').startsWith('text/event-stream');
    return writeHead(status, active ? { ...headers, 'content-type': 'application/vnd.amazon.eventstream' } : headers);
  };
  const frames = (text: string): Uint8Array[] => {
    pending += text;
    const out: Uint8Array[] = [];
    let cut: number;
    while ((cut = pending.indexOf('\n\n')) >= 0) {
      const frame = pending.slice(0, cut);
      pending = pending.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1] ?? '';
      out.push(event === 'error' ? exceptionMessage(data) : chunkMessage(data));
    }
    return out;
  };
  (res as unknown as { write: (chunk: string | Uint8Array) => boolean }).write = (chunk) => {
    if (!active) return write(typeof chunk === 'string' ? new Uint8Array(Buffer.from(chunk)) : chunk);
    let ok = true;
    for (const message of frames(String(chunk))) ok = write(message) && ok;
    return ok;
  };
  (res as unknown as { end: (chunk?: string | Uint8Array) => ServerResponse }).end = (chunk) => {
    if (!active) return end(chunk);
    if (chunk !== undefined) for (const message of frames(String(chunk))) write(message);
    return end();
  };
}
