import type { SdkClient } from './client';

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
}

/** The models this key can use, as the API lists them. */
export async function listModels(client: SdkClient, signal?: AbortSignal): Promise<ModelInfo[]> {
  const models: ModelInfo[] = [];
  for await (const m of client.models.list({ limit: 100 }, signal ? { signal } : undefined)) {
    models.push({ id: m.id, displayName: m.display_name });
  }
  return models;
}
