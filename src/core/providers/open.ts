// Turns a provider choice into a client factory, loading that provider's SDK (and its AWS or Google
// libraries) only now: a dynamic import, so the editor's bundle keeps each one in a chunk of its own.
import type { MessagesClient } from '../client';
import { markClient } from './capabilities';
import {
  CAPABILITIES,
  providerLabel,
  type BedrockChoice,
  type ProviderCapabilities,
  type VertexChoice,
} from './choice';
import type { CommonClientOptions } from './common';
import { modelIdMiddleware, structuredOutputFallback } from './middleware';
import { providerModelId } from './modelIds';

/** A cloud provider, ready to build clients synchronously (ClientConfig.provider). */
export interface CloudProvider {
  readonly choice: BedrockChoice | VertexChoice;
  readonly label: string;
  readonly capabilities: ProviderCapabilities;
  create(common: CommonClientOptions): MessagesClient;
}

export interface CloudProviderOptions {
  /** Per-model overrides of the wire id (claudeMultiAgent.modelIds, or a config file's modelIds). */
  modelIds?: Readonly<Record<string, string>>;
  /** Told once when a feature had to degrade (structured outputs turned off on Vertex). */
  onNotice?: (message: string) => void;
}

export async function loadCloudProvider(
  choice: BedrockChoice | VertexChoice,
  options: CloudProviderOptions = {},
): Promise<CloudProvider> {
  const build =
    choice.name === 'bedrock'
      ? ((await import('./bedrock')).bedrockClient as (c: typeof choice, o: CommonClientOptions) => MessagesClient)
      : ((await import('./vertex')).vertexClient as (c: typeof choice, o: CommonClientOptions) => MessagesClient);
  const toWire = (model: string) => providerModelId(model, choice, options.modelIds);
  // One fallback state per provider, not per client: once refused, later clients skip the refused attempt.
  const fallback = choice.name === 'vertex' ? structuredOutputFallback(options.onNotice ?? (() => {})) : undefined;
  const label = providerLabel(choice);
  return {
    choice,
    label,
    capabilities: CAPABILITIES[choice.name],
    create: (common) =>
      markClient(
        build(choice, {
          ...common,
          middleware: [...(common.middleware ?? []), modelIdMiddleware(toWire), ...(fallback ? [fallback] : [])],
        }),
        { name: choice.name, label, toWire },
      ),
  };
}
