// How the CLI reaches the API: the key from ANTHROPIC_API_KEY only (never a flag, which would land
// in shell history and process lists), the endpoint from ANTHROPIC_BASE_URL under the shared rule.
import type { ClientConfig } from '../core';
import { checkedBaseUrl } from '../node';
import { RunFailedError, UsageError } from './exitCodes';

export function clientFromEnv(env: NodeJS.ProcessEnv): ClientConfig {
  const apiKey = env['ANTHROPIC_API_KEY']?.trim();
  if (!apiKey) throw new RunFailedError('No API key: set ANTHROPIC_API_KEY (in CI, from a repository secret).');
  let baseURL: string | undefined;
  try {
    baseURL = checkedBaseUrl(env['ANTHROPIC_BASE_URL'], 'ANTHROPIC_BASE_URL');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return { apiKey, ...(baseURL && { baseURL }) };
}
