// Reading and validating POST /v1/messages requests.
import type { IncomingMessage } from 'node:http';
import { isObject } from './prompt';
import { checkToolResults } from './toolUse';
import type { JsonObject, SimRequest } from './types';

export type BodyResult = { ok: true; raw: Buffer } | { ok: false; tooLarge: true };

/** Reads the body, giving up (and draining the rest) once it exceeds `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      resolve({ ok: false, tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        chunks.length = 0;
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ ok: true, raw: Buffer.concat(chunks) });
      done = true;
    });
    const gone = (): void => {
      if (!done) resolve({ ok: true, raw: Buffer.alloc(0) }); // the caller sees the exchange closed
      done = true;
    };
    req.on('error', gone);
    req.on('close', gone);
  });
}

/** Lower-cased headers without credentials, and the key (x-api-key, or Authorization: Bearer). */
export function splitHeaders(req: IncomingMessage): { headers: Record<string, string>; apiKey?: string } {
  const headers: Record<string, string> = {};
  let apiKey: string | undefined;
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'x-api-key') apiKey = text;
    else if (name === 'authorization') {
      const m = /^Bearer\s+(.+)$/i.exec(text);
      if (m && apiKey === undefined) apiKey = m[1];
    } else headers[name] = text;
  }
  return apiKey === undefined ? { headers } : { headers, apiKey };
}

export type ParseResult = { ok: true; body: JsonObject } | { ok: false; message: string };

export function parseJsonBody(raw: Buffer): ParseResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    return { ok: false, message: `There was an error parsing the body: ${(e as Error).message}` };
  }
  if (!isObject(parsed)) return { ok: false, message: 'Request body must be a JSON object' };
  return { ok: true, body: parsed };
}

/** Checks the fields the API requires; returns an invalid_request_error message or a SimRequest. */
export function toSimRequest(
  body: JsonObject,
  headers: Record<string, string>,
  apiKey: string | undefined,
): { ok: true; req: SimRequest } | { ok: false; message: string } {
  const { model, messages, max_tokens: maxTokens } = body;
  if (model === undefined) return { ok: false, message: 'model: Field required' };
  if (typeof model !== 'string' || model === '') return { ok: false, message: 'model: Input should be a valid string' };
  if (messages === undefined) return { ok: false, message: 'messages: Field required' };
  if (!Array.isArray(messages)) return { ok: false, message: 'messages: Input should be a valid list' };
  if (maxTokens === undefined) return { ok: false, message: 'max_tokens: Field required' };
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    return { ok: false, message: 'max_tokens: Input should be a valid integer greater than or equal to 1' };
  }
  for (const [i, m] of messages.entries()) {
    if (!isObject(m) || (m['role'] !== 'user' && m['role'] !== 'assistant')) {
      return { ok: false, message: `messages.${i}.role: Input should be 'user' or 'assistant'` };
    }
    if (typeof m['content'] !== 'string' && !Array.isArray(m['content'])) {
      return { ok: false, message: `messages.${i}.content: Field required` };
    }
  }
  if (body['tools'] !== undefined && !Array.isArray(body['tools']))
    return { ok: false, message: 'tools: Input should be a valid list' };
  const toolProblem = checkToolResults(messages);
  if (toolProblem) return { ok: false, message: toolProblem };
  const req: SimRequest = { model, messages, max_tokens: maxTokens, stream: body['stream'] === true, body, headers };
  if (body['system'] !== undefined) req.system = body['system'];
  if (Array.isArray(body['tools'])) req.tools = body['tools'];
  if (isObject(body['output_config'])) req.output_config = body['output_config'] as SimRequest['output_config'];
  if (isObject(body['metadata'])) req.metadata = body['metadata'];
  if (apiKey !== undefined) req.apiKey = apiKey;
  return { ok: true, req };
}
