import type Anthropic from '@anthropic-ai/sdk';
// Narrow entry points of the SDK: the default export's client constructs every resource (beta, files,
// skills, tool runners…), which would put about 300 KB more into the bundle than the core ever calls.
import { BaseAnthropic } from '@anthropic-ai/sdk/client';
import { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
import { Models } from '@anthropic-ai/sdk/resources/models';
import { ClaudeInvocationError, hintFor } from './errors';

/** The SDK client with only the resources the core uses. A full `Anthropic` client is accepted too. */
export class MessagesClient extends BaseAnthropic {
  readonly messages: Messages = new Messages(this);
  readonly models: Models = new Models(this);
}

/** What the core calls on a client: `messages` (streaming) and `models` (listing). */
export type SdkClient = Pick<Anthropic, 'messages' | 'models'> | MessagesClient;

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
export function createClient(config: ClientConfig = {}): MessagesClient {
  const apiKey = config.apiKey ?? process.env['ANTHROPIC_API_KEY'];
  if (!apiKey) {
    throw new ClaudeInvocationError(`No API key. ${hintFor('missingKey')}`, undefined, { kind: 'missingKey' });
  }
  // The SDK's own console logging is off: the core reports through its Logger, which redacts.
  const options: ConstructorParameters<typeof BaseAnthropic>[0] = {
    apiKey,
    maxRetries: 0,
    timeout: config.timeoutMs ?? 120_000,
    logLevel: 'off',
  };
  const baseURL = config.baseURL || process.env['ANTHROPIC_BASE_URL'];
  if (baseURL) options.baseURL = baseURL;
  if (config.defaultHeaders) options.defaultHeaders = config.defaultHeaders;
  return new MessagesClient(options);
}

export function resolveClient(client: SdkClient | ClientConfig | undefined): SdkClient {
  return client && 'messages' in client ? client : createClient(client);
}
