// POST /v1/messages/count_tokens: the input tokens a request would carry, counted exactly as
// /v1/messages counts them (the same flattening and tokenizer), without running it. Cost estimates
// are checked against what the simulator then bills.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from './errors';
import { flattenPrompt, promptTokens } from './prompt';
import { parseJsonBody, readBody } from './request';
import type { TokenCountEntry } from './types';

export const COUNT_TOKENS_PATH = '/v1/messages/count_tokens';

export async function handleCountTokens(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  maxRequestBytes: number,
  isKnown: (model: string) => boolean,
  onCounted?: (entry: TokenCountEntry) => void,
  /** Vertex's count-tokens: `anthropic_version` comes in the body (the model stays there too). */
  versionInBody = false,
): Promise<void> {
  const body = await readBody(req, maxRequestBytes);
  if (!body.ok) return void sendError(res, requestId, { status: 413, headers: { connection: 'close' } });
  const parsed = parseJsonBody(body.raw);
  if (!parsed.ok) return void sendError(res, requestId, { status: 400, message: parsed.message });
  const model = parsed.body['model'];
  if (typeof model !== 'string')
    return void sendError(res, requestId, { status: 400, message: 'model: Field required' });
  if (!isKnown(model)) return void sendError(res, requestId, { status: 404, message: `model: ${model}` });
  if (versionInBody && typeof parsed.body['anthropic_version'] !== 'string')
    return void sendError(res, requestId, { status: 400, message: 'anthropic_version: Field required' });
  const messages = Array.isArray(parsed.body['messages']) ? parsed.body['messages'] : [];
  const tools = Array.isArray(parsed.body['tools']) ? parsed.body['tools'] : undefined;
  const blocks = flattenPrompt({
    body: parsed.body,
    messages,
    system: parsed.body['system'],
    ...(tools ? { tools } : {}),
  });
  const inputTokens = promptTokens(blocks);
  onCounted?.({ model, body: parsed.body, inputTokens, answeredAt: performance.now() });
  res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
  res.end(JSON.stringify({ input_tokens: inputTokens }));
}
