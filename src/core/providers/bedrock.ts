// Amazon Bedrock through the official @anthropic-ai/bedrock-sdk (InvokeModel and
// InvokeModelWithResponseStream, SigV4 or a Bedrock API key). Loaded only when Bedrock is chosen.
import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { MessagesClient } from '../client';
import type { BedrockChoice } from './choice';
import type { CommonClientOptions } from './common';

export function bedrockClient(choice: BedrockChoice, common: CommonClientOptions): MessagesClient {
  const options = {
    ...common,
    ...(choice.region && { awsRegion: choice.region }),
    ...(choice.baseURL && { baseURL: choice.baseURL }),
    // Our choice, not the SDK's own reading of the environment: the shell read AWS_BEARER_TOKEN_BEDROCK
    // (so the redactor knows it); null stops the SDK falling back to it.
    apiKey: choice.skipAuth ? null : (choice.bearerToken ?? null),
    ...(choice.skipAuth && { skipAuth: true }),
  };
  const { credentials, profile } = choice;
  const client = credentials
    ? new AnthropicBedrock({
        ...options,
        awsAccessKey: credentials.accessKeyId,
        awsSecretKey: credentials.secretAccessKey,
        awsSessionToken: credentials.sessionToken ?? null,
      })
    : new AnthropicBedrock({
        ...options,
        ...(profile && { providerChainResolver: () => Promise.resolve(fromNodeProviderChain({ profile })) }),
      });
  // No `models` and no `countTokens`/`batches` on Bedrock (the SDK removes them): callers probe for them.
  return client as unknown as MessagesClient;
}
