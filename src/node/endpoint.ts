// Where requests go, for every shell: the SDK's default, or a URL that is https (plain http only on
// loopback, so a key is never sent in clear over a network).
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The checked endpoint for `raw`, undefined for none (the SDK's default); throws naming `source`. */
export function checkedBaseUrl(raw: string | undefined, source: string): string | undefined {
  const trimmed = raw?.trim() ?? '';
  if (!trimmed) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`${source} is not a URL: ${trimmed}`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
    return withoutTrailingSlashes(trimmed);
  throw new Error(`${source} must use https (plain http only for a local endpoint): ${url.origin}`);
}

/** 'https://x/api//' → 'https://x/api', in one pass (a `/\/+$/` rescans a run of slashes from each one). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}
