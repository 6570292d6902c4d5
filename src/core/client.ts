import type Anthropic from '@anthropic-ai/sdk';
// Narrow entry points of the SDK: the default export's client constructs every resource (beta, files,
// skills, tool runners…), which would put about 300 KB more into the bundle than the core ever calls.
import { BaseAnthropic } from '@anthropic-ai/sdk/client';
import { Messages } from '@anthropic-ai/sdk/resources/messages/messages';
import { Models } from '@anthropic-ai/sdk/resources/models';
import { ClaudeInvocationError, hintFor } from './errors';
import type { CloudProvider, CommonClientOptions } from './providers';

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
  /** A gateway's bearer token (ANTHROPIC_AUTH_TOKEN), sent as `Authorization: Bearer`, instead of a key. */
  authToken?: string;
  baseURL?: string;
  /** Amazon Bedrock or Google Vertex AI (see providers/open.ts); absent for the Anthropic API. */
  provider?: CloudProvider;
  /** A fetch that goes through a proxy or trusts more certificates (src/node/httpTransport.ts). */
  fetch?: CommonClientOptions['fetch'];
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
  // The SDK's own console logging is off: the core reports through its Logger, which redacts.
  const common: CommonClientOptions = {
    maxRetries: 0,
    timeout: config.timeoutMs ?? 120_000,
    logLevel: 'off',
    ...(config.defaultHeaders && { defaultHeaders: config.defaultHeaders }),
    ...(config.fetch && { fetch: config.fetch }),
  };
  if (config.provider) return config.provider.create(common);
  const apiKey = config.apiKey ?? (config.authToken ? undefined : process.env['ANTHROPIC_API_KEY']);
  const authToken = apiKey ? undefined : (config.authToken ?? process.env['ANTHROPIC_AUTH_TOKEN']);
  if (!apiKey && !authToken) {
    throw new ClaudeInvocationError(`No API key. ${hintFor('missingKey')}`, undefined, { kind: 'missingKey' });
  }
  // Exactly one credential: the SDK refuses two, and `null` keeps it from reading the other from the environment.
  const options: ConstructorParameters<typeof BaseAnthropic>[0] = {
    ...common,
    ...(apiKey ? { apiKey, authToken: null } : { authToken: authToken!, apiKey: null }),
  };
  const baseURL = config.baseURL || process.env['ANTHROPIC_BASE_URL'];
  if (baseURL) options.baseURL = baseURL;
  return new MessagesClient(options);
}

export function resolveClient(client: SdkClient | ClientConfig | undefined): SdkClient {
  return client && 'messages' in client ? client : createClient(client);
}
