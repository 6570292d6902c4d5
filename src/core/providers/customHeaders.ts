// Custom headers for an LLM gateway: ANTHROPIC_CUSTOM_HEADERS (one `Name: value` per line, as Claude
// Code reads it) or a setting. Their values are treated as secrets for logging.

/** A header name as HTTP allows it (RFC 9110 token). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses `Name: value` lines; throws naming `source` and the line for anything else. Blank lines are skipped. */
export function parseCustomHeaders(text: string, source: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!TOKEN.test(name)) throw new Error(`${source}, line ${i + 1}: expected "Name: value".`);
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Checks a headers object from settings: names must be header names and values strings without line breaks. */
export function checkedHeaders(value: unknown, source: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Error(`${source} must be an object of header names to values.`);
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    // eslint-disable-next-line no-control-regex
    if (!TOKEN.test(name) || typeof v !== 'string' || /[\u0000-\u001f\u007f]/.test(v))
      throw new Error(`${source}: "${name}" must be a header name with a one-line text value.`);
    out[name] = v.trim();
  }
  return out;
}
