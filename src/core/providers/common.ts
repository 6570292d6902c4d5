// Options every SDK client gets, whichever provider it talks to.
import type { ClientOptions } from '@anthropic-ai/sdk/client';
import type { Middleware } from '@anthropic-ai/sdk/core/middleware';

/** The subset of the SDK's client options the core sets (no credentials: each provider has its own). */
export type CommonClientOptions = Pick<
  ClientOptions,
  'timeout' | 'maxRetries' | 'logLevel' | 'defaultHeaders' | 'fetch' | 'fetchOptions'
> & { middleware?: Middleware[] };
