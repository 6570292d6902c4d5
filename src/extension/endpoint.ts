import type { Settings } from './settingsSchema';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * The endpoint: the user's setting, else ANTHROPIC_BASE_URL, else the SDK's default (undefined).
 * Plain http is accepted only for a local endpoint, so a key is never sent in clear over a network.
 */
export function resolveBaseUrl(settings: Pick<Settings, 'baseUrl'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const raw = settings.baseUrl.trim() || env['ANTHROPIC_BASE_URL']?.trim() || '';
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`claudeMultiAgent.baseUrl is not a URL: ${raw}`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return raw.replace(/\/+$/, '');
  throw new Error(`claudeMultiAgent.baseUrl must use https (plain http only for a local endpoint): ${url.origin}`);
}
