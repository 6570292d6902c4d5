// Which service answers: the Anthropic API (or a gateway in front of it), Amazon Bedrock or Google
// Vertex AI. Plain data, decided by a shell (settings, flags, the environment Claude Code reads) and
// turned into an SDK client by ./open.ts, which loads the chosen provider's SDK only then.

export type ProviderName = 'anthropic' | 'bedrock' | 'vertex';
export const PROVIDER_NAMES: readonly ProviderName[] = ['anthropic', 'bedrock', 'vertex'];

export interface BedrockChoice {
  name: 'bedrock';
  /** AWS_REGION; the SDK's default is us-east-1. */
  region?: string;
  /** A named AWS profile; otherwise the default credential chain (which reads AWS_PROFILE itself). */
  profile?: string;
  /** ANTHROPIC_BEDROCK_BASE_URL: a gateway or VPC endpoint instead of bedrock-runtime.{region}. */
  baseURL?: string;
  /** AWS_BEARER_TOKEN_BEDROCK (a Bedrock API key), instead of SigV4 signing. */
  bearerToken?: string;
  /** CLAUDE_CODE_SKIP_BEDROCK_AUTH: a gateway in front adds the AWS credentials itself. */
  skipAuth?: boolean;
  /** Static credentials (tests, or a caller that resolved them); otherwise the default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface VertexChoice {
  name: 'vertex';
  /** CLOUD_ML_REGION, e.g. us-east5, europe-west1 or `global` (no price premium). */
  region: string;
  /** ANTHROPIC_VERTEX_PROJECT_ID; otherwise the project of the Application Default Credentials. */
  projectId?: string;
  /** ANTHROPIC_VERTEX_BASE_URL. */
  baseURL?: string;
  /** CLAUDE_CODE_SKIP_VERTEX_AUTH: a gateway in front adds the Google credentials itself. */
  skipAuth?: boolean;
  /** A google-auth-library AuthClient (tests, impersonation); otherwise Application Default Credentials. */
  authClient?: unknown;
}

export type ProviderChoice = { name: 'anthropic' } | BedrockChoice | VertexChoice;

/** What a provider serves beyond streaming Messages, so features can degrade and say why. */
export interface ProviderCapabilities {
  /** POST count_tokens (Bedrock has none: estimates fall back to the local count). */
  countTokens: boolean;
  /** Message Batches at half price (Anthropic API only). */
  batches: boolean;
  /** GET /v1/models (neither cloud lists models through the SDK: the picker shows our mapped ids). */
  listModels: boolean;
}

export const CAPABILITIES: Record<ProviderName, ProviderCapabilities> = {
  anthropic: { countTokens: true, batches: true, listModels: true },
  bedrock: { countTokens: false, batches: false, listModels: false },
  vertex: { countTokens: true, batches: false, listModels: false },
};

export const PROVIDER_TITLES: Record<ProviderName, string> = {
  anthropic: 'Anthropic API',
  bedrock: 'Amazon Bedrock',
  vertex: 'Google Vertex AI',
};

/** "Amazon Bedrock (us-east-1)", "Google Vertex AI (global)": for the status bar, the panel and messages. */
export function providerLabel(choice: ProviderChoice, baseURL?: string): string {
  switch (choice.name) {
    case 'bedrock':
      return `${PROVIDER_TITLES.bedrock} (${choice.region || 'us-east-1'}${choice.baseURL ? ` via ${hostOf(choice.baseURL)}` : ''})`;
    case 'vertex':
      return `${PROVIDER_TITLES.vertex} (${choice.region}${choice.baseURL ? ` via ${hostOf(choice.baseURL)}` : ''})`;
    default:
      return baseURL ? `${PROVIDER_TITLES.anthropic} via ${hostOf(baseURL)}` : PROVIDER_TITLES.anthropic;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
