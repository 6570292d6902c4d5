// Google Vertex AI through the official @anthropic-ai/vertex-sdk (rawPredict, streamRawPredict and
// count-tokens, Google OAuth from Application Default Credentials). Loaded only when Vertex is chosen.
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { PassThroughClient, type AuthClient } from 'google-auth-library';
import type { MessagesClient } from '../client';
import type { VertexChoice } from './choice';
import type { CommonClientOptions } from './common';

export function vertexClient(choice: VertexChoice, common: CommonClientOptions): MessagesClient {
  // A gateway that adds the Google credentials itself gets requests without an Authorization header.
  const authClient = choice.skipAuth ? new PassThroughClient() : (choice.authClient as AuthClient | undefined);
  const client = new AnthropicVertex({
    ...common,
    region: choice.region,
    ...(choice.projectId && { projectId: choice.projectId }),
    ...(choice.baseURL && { baseURL: choice.baseURL }),
    ...(authClient && { authClient }),
  });
  // No `models` and no `batches` on Vertex (the SDK removes them): callers probe for them.
  return client as unknown as MessagesClient;
}
