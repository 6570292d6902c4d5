// Imported directly, not through src/node/index.ts, which would pull the review pipeline into activation.
import { checkedBaseUrl } from '../node/endpoint';
import type { Settings } from './settingsSchema';

/**
 * The endpoint: the user's setting, else ANTHROPIC_BASE_URL, else the SDK's default (undefined).
 * Plain http is accepted only for a local endpoint, so a key is never sent in clear over a network.
 */
export function resolveBaseUrl(
  settings: Pick<Settings, 'baseUrl'>,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return checkedBaseUrl(settings.baseUrl.trim() || env['ANTHROPIC_BASE_URL']?.trim() || '', 'claudeMultiAgent.baseUrl');
}
