import Anthropic from '@anthropic-ai/sdk';
import { ClaudeInvocationError, hintFor } from './errors';

/** How to reach the API. Anything left out is read from the environment, as the SDK does. */
export interface ClientConfig {
  apiKey?: string;
  baseURL?: string;
  /** Time allowed until the response starts (the SDK's `timeout`). */
  timeoutMs?: number;
  defaultHeaders?: Record<string, string>;
}

/**
 * Builds an SDK client. SDK retries are off because the core retries itself: it must honour
 * cancellation between attempts, report each wait to the user, and never retry a stream that
 * already delivered text.
 */
export function createClient(config: ClientConfig = {}): Anthropic {
  const apiKey = config.apiKey ?? process.env['ANTHROPIC_API_KEY'];
  if (!apiKey) {
    throw new ClaudeInvocationError(`No API key. ${hintFor('missingKey')}`, undefined, { kind: 'missingKey' });
  }
  // The SDK's own console logging is off: the core reports through its Logger, which redacts.
  const options: ConstructorParameters<typeof Anthropic>[0] = { apiKey, maxRetries: 0, timeout: config.timeoutMs ?? 120_000, logLevel: 'off' };
  const baseURL = config.baseURL || process.env['ANTHROPIC_BASE_URL'];
  if (baseURL) options.baseURL = baseURL;
  if (config.defaultHeaders) options.defaultHeaders = config.defaultHeaders;
  return new Anthropic(options);
}

export function resolveClient(client: Anthropic | ClientConfig | undefined): Anthropic {
  return client instanceof Anthropic ? client : createClient(client);
}
