// Our model names (claude-sonnet-5-5, the experts' aliases) stay ours everywhere (prices, cache minimums,
// the panel); only the wire id changes per provider, at the SDK boundary (./middleware.ts). Bedrock takes
// inference-profile ids (`global.anthropic.claude-opus-5-5`), Vertex `model@version` for the models
// published with a date and the bare name for current ones. Ids from the providers' model tables.
import type { ProviderChoice } from './choice';

/** Bedrock base ids of the models whose id is not simply `anthropic.<name>`. */
const BEDROCK_IDS: Record<string, string> = {
  'claude-opus-4-6': 'anthropic.claude-opus-4-6-v1',
  'claude-sonnet-4-5': 'anthropic.claude-sonnet-4-5-20250929-v1:0',
  'claude-opus-4-5': 'anthropic.claude-opus-4-5-20251101-v1:0',
  'claude-haiku-4-5': 'anthropic.claude-haiku-4-5-20251001-v1:0',
  'claude-opus-4-1': 'anthropic.claude-opus-4-1-20250805-v1:0',
  'claude-sonnet-4': 'anthropic.claude-sonnet-4-20250514-v1:0',
};

/** Vertex ids of the models published with a version date; current models use their bare name. */
const VERTEX_IDS: Record<string, string> = {
  'claude-sonnet-4-5': 'claude-sonnet-4-5@20250929',
  'claude-opus-4-5': 'claude-opus-4-5@20251101',
  'claude-haiku-4-5': 'claude-haiku-4-5@20251001',
  'claude-opus-4-1': 'claude-opus-4-1@20250805',
  'claude-sonnet-4': 'claude-sonnet-4@20250514',
};

/** Bedrock's cross-region inference profiles; `global` routes anywhere and carries no regional premium. */
export const BEDROCK_PROFILE_PREFIXES = ['global', 'us', 'eu', 'jp', 'apac', 'au', 'us-gov'] as const;

/** An id already in a provider's form (a profile, an ARN, `@version`) is sent as it is. */
export function isProviderModelId(model: string): boolean {
  return /^(arn:|[a-z-]+\.anthropic\.|anthropic\.)/.test(model) || model.includes('@');
}

/** Dated Anthropic ids (claude-haiku-4-5-20251001) map as their alias does. */
function alias(model: string): string {
  return model.replace(/-\d{8}$/, '');
}

/**
 * The id to send for `model` on `choice`'s provider: an override from the settings wins, then an id
 * already in the provider's form, then the mapping. Anthropic (and a gateway in front of it) gets
 * the name unchanged.
 */
export function providerModelId(
  model: string,
  choice: ProviderChoice,
  overrides: Readonly<Record<string, string>> = {},
  bedrockPrefix: string = 'global',
): string {
  const override = overrides[model] ?? overrides[alias(model)];
  if (override) return override;
  if (choice.name === 'anthropic' || isProviderModelId(model)) return model;
  const name = alias(model);
  if (choice.name === 'vertex') return VERTEX_IDS[name] ?? name;
  const base = BEDROCK_IDS[name] ?? `anthropic.${name}`;
  return bedrockPrefix ? `${bedrockPrefix}.${base}` : base;
}

/**
 * Our name for a provider id (for prices and cache minimums): `us.anthropic.claude-sonnet-4-5-20250929-v1:0`
 * and `claude-sonnet-4-5@20250929` are both claude-sonnet-4-5. Names that are ours already come back unchanged.
 */
export function canonicalModelName(id: string): string {
  let name = id.replace(/^arn:.*\//, '');
  name = name.replace(/^(?:[a-z-]+\.)?anthropic\./, '');
  name = name.replace(/-v\d+(?::\d+)?$/, '');
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  return alias(name);
}

/** The ids to suggest in the model picker and settings for a provider: the mapped form of each known model. */
export function suggestedModelIds(
  models: readonly string[],
  choice: ProviderChoice,
  overrides?: Readonly<Record<string, string>>,
): string[] {
  return [...new Set(models.map((m) => providerModelId(m, choice, overrides)))];
}

/** Whether the id is routed through a regional endpoint, which costs more for Sonnet 4.5 and later models. */
export function isRegionalRoute(id: string, choice: ProviderChoice): boolean {
  if (choice.name === 'vertex') return choice.region !== 'global';
  if (choice.name === 'bedrock') return !id.startsWith('global.');
  return false;
}
