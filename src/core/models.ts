import type { SdkClient } from './client';
import { DEFAULT_PRICES } from './pricing';
import { providerOf } from './providers/capabilities';

/** Current Sonnet. The seed's claude-sonnet-4-5-20250929 reaches end of life on 2026-11-30. */
export const DEFAULT_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_MAX_TOKENS = 4096;

/** Smallest prefix the API caches, per model family (prompt-caching docs); shorter prefixes are silently not cached. */
export function minCacheableTokens(model: string): number {
  return /haiku/i.test(model) ? 2048 : 1024;
}

export interface ModelInfo {
  id: string;
  displayName: string;
  /** On Bedrock or Vertex: the provider, and the id sent for this model there. */
  provider?: string;
  providerId?: string;
}

/** 'claude-sonnet-5-5' -> 'Claude Sonnet 5.5'. */
function displayName(id: string): string {
  const parts = id.split('-');
  const words = parts.filter((p) => !/^\d+$/.test(p)).map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  const version = parts.filter((p) => /^\d+$/.test(p));
  return version.length ? `${words.join(' ')} ${version.join('.')}` : words.join(' ');
}

/**
 * The models this key can use, as the API lists them. Bedrock and Vertex list no models through their
 * Messages endpoints: there, the models with known prices, each with the id the provider is sent.
 */
export async function listModels(client: SdkClient, signal?: AbortSignal): Promise<ModelInfo[]> {
  const provider = providerOf(client);
  if (provider)
    return Object.keys(DEFAULT_PRICES).map((id) => ({
      id,
      displayName: displayName(id),
      provider: provider.label,
      providerId: provider.toWire(id),
    }));
  const models: ModelInfo[] = [];
  for await (const m of client.models.list({ limit: 100 }, signal ? { signal } : undefined)) {
    models.push({ id: m.id, displayName: m.display_name });
  }
  return models;
}
