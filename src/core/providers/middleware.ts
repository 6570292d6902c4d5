// SDK middleware for the cloud providers. The SDK runs middleware on the canonical Anthropic-shaped
// request (model and stream in the JSON body) before the Bedrock or Vertex client rewrites and signs
// it, so changing the body here is safe: the signature covers the final request.
import type { Middleware } from '@anthropic-ai/sdk/core/middleware';

const MODEL_PATHS = /\/v1\/messages(\/count_tokens)?$/;

function jsonBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Sends `toWire(model)` as the model of every Messages and count_tokens request. */
export function modelIdMiddleware(toWire: (model: string) => string): Middleware {
  return async (request, next, ctx) => {
    const path = ctx.options?.path.split('?')[0] ?? '';
    const body = MODEL_PATHS.test(path) ? jsonBody(request.body) : undefined;
    if (!body || typeof body['model'] !== 'string') return next(request);
    const wire = toWire(body['model']);
    if (wire === body['model']) return next(request);
    return next({ ...request, body: JSON.stringify({ ...body, model: wire }) });
  };
}

/** A 400 that says the organisation has structured outputs turned off. */
const STRUCTURED_OFF = /structured[ _-]?output|output_config|output_format|json_schema/i;

function withoutStructuredOutput(body: Record<string, unknown>): Record<string, unknown> {
  const config = body['output_config'] as { format?: { schema?: unknown } } | undefined;
  const schema = config?.format?.schema;
  const rest = { ...config };
  delete rest.format;
  const out: Record<string, unknown> = { ...body };
  if (Object.keys(rest).length) out['output_config'] = rest;
  else delete out['output_config'];
  // The instruction goes after the cached blocks (the last user turn), so the shared prefix still reads the cache.
  const messages = Array.isArray(body['messages']) ? [...(body['messages'] as Array<Record<string, unknown>>)] : [];
  const last = messages[messages.length - 1];
  if (last && last['role'] === 'user') {
    const content =
      typeof last['content'] === 'string'
        ? [{ type: 'text', text: last['content'] }]
        : [...(last['content'] as unknown[])];
    content.push({
      type: 'text',
      text: `Reply with one JSON document and nothing else, valid against this JSON schema:\n${JSON.stringify(schema)}`,
    });
    messages[messages.length - 1] = { ...last, content };
    out['messages'] = messages;
  }
  return out;
}

/**
 * Vertex AI organisations may turn structured outputs off: the request is then refused with a 400.
 * This sends it again without `output_config.format`, asking for the JSON in the text instead (the
 * findings parser already reads JSON out of text), says so once through `onNotice`, and skips the
 * refused attempt for every later request of this client.
 */
export function structuredOutputFallback(onNotice: (message: string) => void): Middleware {
  let disabled = false;
  return async (request, next, ctx) => {
    const path = ctx.options?.path.split('?')[0] ?? '';
    const body = path.endsWith('/v1/messages') ? jsonBody(request.body) : undefined;
    const format = (body?.['output_config'] as { format?: unknown } | undefined)?.format;
    if (!body || !format) return next(request);
    const fallback = () => next({ ...request, body: JSON.stringify(withoutStructuredOutput(body)) });
    if (disabled) return fallback();
    const response = await next(request);
    if (response.status !== 400) return response;
    const text = await response.clone().text();
    if (!STRUCTURED_OFF.test(text)) return response;
    disabled = true;
    onNotice(
      'Structured outputs are turned off for this organisation: replies are asked for as JSON in the text and read from it instead (less strict; a malformed reply is reported, not lost).',
    );
    return fallback();
  };
}
