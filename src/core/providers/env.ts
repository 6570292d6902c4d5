// Which provider and credentials a shell uses, from its explicit choice (a setting or flag) and the
// environment Claude Code users already have: CLAUDE_CODE_USE_BEDROCK / CLAUDE_CODE_USE_VERTEX,
// AWS_REGION, AWS_PROFILE, AWS_BEARER_TOKEN_BEDROCK, ANTHROPIC_BEDROCK_BASE_URL, CLOUD_ML_REGION,
// ANTHROPIC_VERTEX_PROJECT_ID, ANTHROPIC_VERTEX_BASE_URL, CLAUDE_CODE_SKIP_BEDROCK_AUTH /
// CLAUDE_CODE_SKIP_VERTEX_AUTH. Base URLs pass the shell's endpoint rule (https, or http on loopback:
// src/node/endpoint.ts), given as `checkUrl` so this stays free of Node adapters.
import { PROVIDER_NAMES, type ProviderChoice, type ProviderName } from './choice';

/** Returns the checked URL (undefined for none) or throws naming `source`. */
export type UrlCheck = (raw: string | undefined, source: string) => string | undefined;

const truthy = (v: string | undefined): boolean => !!v && /^(1|true|yes|on)$/i.test(v.trim());
const text = (v: string | undefined): string | undefined => v?.trim() || undefined;

/** What a shell's own settings or flags say; each wins over the environment. */
export interface ProviderOverrides {
  provider?: ProviderName;
  bedrockRegion?: string;
  bedrockProfile?: string;
  vertexRegion?: string;
  vertexProjectId?: string;
  /** What the explicit choice is called, for messages ("claudeMultiAgent.provider", "--provider"). */
  source?: string;
}

export function providerName(raw: string | undefined, source: string): ProviderName | undefined {
  if (raw === undefined || raw === '') return undefined;
  if ((PROVIDER_NAMES as readonly string[]).includes(raw)) return raw as ProviderName;
  throw new Error(`${source} must be one of ${PROVIDER_NAMES.join(', ')}, not ${JSON.stringify(raw)}.`);
}

/** The provider to use; throws an Error whose message names the setting or variable to fix. */
export function providerChoiceFrom(
  env: NodeJS.ProcessEnv,
  overrides: ProviderOverrides,
  checkUrl: UrlCheck,
): ProviderChoice {
  const name: ProviderName =
    overrides.provider ??
    (truthy(env['CLAUDE_CODE_USE_BEDROCK'])
      ? 'bedrock'
      : truthy(env['CLAUDE_CODE_USE_VERTEX'])
        ? 'vertex'
        : 'anthropic');
  if (name === 'bedrock') {
    const region = text(overrides.bedrockRegion) ?? text(env['AWS_REGION']) ?? text(env['AWS_DEFAULT_REGION']);
    const profile = text(overrides.bedrockProfile);
    const baseURL = checkUrl(env['ANTHROPIC_BEDROCK_BASE_URL'], 'ANTHROPIC_BEDROCK_BASE_URL');
    const bearerToken = text(env['AWS_BEARER_TOKEN_BEDROCK']);
    return {
      name,
      ...(region && { region }),
      ...(profile && { profile }),
      ...(baseURL && { baseURL }),
      ...(bearerToken && { bearerToken }),
      ...(truthy(env['CLAUDE_CODE_SKIP_BEDROCK_AUTH']) && { skipAuth: true }),
    };
  }
  if (name === 'vertex') {
    const region = text(overrides.vertexRegion) ?? text(env['CLOUD_ML_REGION']);
    if (!region)
      throw new Error(
        `Google Vertex AI needs a region: set CLOUD_ML_REGION (e.g. global or us-east5)${overrides.source ? ' or claudeMultiAgent.vertex.region' : ''}.`,
      );
    const projectId = text(overrides.vertexProjectId) ?? text(env['ANTHROPIC_VERTEX_PROJECT_ID']);
    const baseURL = checkUrl(env['ANTHROPIC_VERTEX_BASE_URL'], 'ANTHROPIC_VERTEX_BASE_URL');
    const skipAuth = truthy(env['CLAUDE_CODE_SKIP_VERTEX_AUTH']);
    if (skipAuth && !projectId)
      throw new Error('CLAUDE_CODE_SKIP_VERTEX_AUTH needs the project named: set ANTHROPIC_VERTEX_PROJECT_ID.');
    return {
      name,
      region,
      ...(projectId && { projectId }),
      ...(baseURL && { baseURL }),
      ...(skipAuth && { skipAuth: true }),
    };
  }
  return { name: 'anthropic' };
}

/** Every credential-like value in the environment a shell may use: never printed, whoever wrote the line. */
export function secretsInEnv(env: NodeJS.ProcessEnv): string[] {
  const names = [
    'ANTHROPIC_API_KEY',
    'ANTHROPIC_AUTH_TOKEN',
    'AWS_BEARER_TOKEN_BEDROCK',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
  ];
  const values = names.map((n) => text(env[n])).filter((v): v is string => !!v);
  // Header values from ANTHROPIC_CUSTOM_HEADERS, read leniently: a malformed line is reported elsewhere.
  for (const line of (env['ANTHROPIC_CUSTOM_HEADERS'] ?? '').split(/\r?\n/)) {
    const value = line.slice(line.indexOf(':') + 1).trim();
    if (line.includes(':') && value) values.push(value);
  }
  return values;
}
