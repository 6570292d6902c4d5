// How the CLI reaches Claude. The Anthropic API with the key from ANTHROPIC_API_KEY only (never a flag,
// which would land in shell history and process lists; it passes the editor's shape rule, and every line
// the CLI writes is redacted with it), or a gateway's ANTHROPIC_AUTH_TOKEN; Amazon
// Bedrock or Google Vertex AI from --provider or Claude Code's CLAUDE_CODE_USE_BEDROCK/VERTEX and their
// variables; ANTHROPIC_CUSTOM_HEADERS; HTTPS_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS. Every endpoint
// follows the shared rule (https, or http on loopback).
import {
  DEFAULT_PRICES,
  keyShapeProblem,
  redact,
  type ClientConfig,
  type PriceTable,
  CAPABILITIES,
  loadCloudProvider,
  parseCustomHeaders,
  providerChoiceFrom,
  providerLabel,
  providerPriceTable,
  secretsInEnv,
  type ProviderCapabilities,
  type ProviderChoice,
  type ProviderName,
} from '../core';
import { checkedBaseUrl, createTransport, needsTransport } from '../node';
import { RunFailedError, UsageError } from './exitCodes';

export interface CliAccess {
  client: ClientConfig;
  choice: ProviderChoice;
  /** "Amazon Bedrock (eu-west-1)", printed once so a CI log says where requests went. */
  label: string;
  capabilities: ProviderCapabilities;
  /** The proxy and certificates in use, when any. */
  transport?: string;
}

export interface AccessOptions {
  provider?: ProviderName;
  /** Wire ids per model (a config file's `modelIds`). */
  modelIds?: Record<string, string>;
  onNotice?: (message: string) => void;
}

export async function clientFromEnv(env: NodeJS.ProcessEnv, options: AccessOptions = {}): Promise<CliAccess> {
  let choice: ProviderChoice;
  let baseURL: string | undefined;
  let defaultHeaders: Record<string, string> | undefined;
  try {
    choice = providerChoiceFrom(
      env,
      { ...(options.provider && { provider: options.provider }), source: '--provider' },
      checkedBaseUrl,
    );
    baseURL = checkedBaseUrl(env['ANTHROPIC_BASE_URL'], 'ANTHROPIC_BASE_URL');
    const custom = env['ANTHROPIC_CUSTOM_HEADERS'];
    if (custom) defaultHeaders = parseCustomHeaders(custom, 'ANTHROPIC_CUSTOM_HEADERS');
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  let transport;
  if (needsTransport({ env })) {
    try {
      transport = createTransport({ env });
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const common: ClientConfig = {
    ...(defaultHeaders && { defaultHeaders }),
    ...(transport && { fetch: transport.fetch }),
  };
  const described = transport ? { transport: transport.description } : {};
  if (choice.name !== 'anthropic') {
    const provider = await loadCloudProvider(choice, {
      ...(options.modelIds && { modelIds: options.modelIds }),
      ...(options.onNotice && { onNotice: options.onNotice }),
    });
    return {
      client: { ...common, provider },
      choice,
      label: provider.label,
      capabilities: provider.capabilities,
      ...described,
    };
  }
  const apiKey = env['ANTHROPIC_API_KEY']?.trim();
  const authToken = env['ANTHROPIC_AUTH_TOKEN']?.trim();
  if (!apiKey && !authToken)
    throw new RunFailedError(
      'No API key: set ANTHROPIC_API_KEY (in CI, from a repository secret), ANTHROPIC_AUTH_TOKEN for a gateway, or choose Amazon Bedrock or Google Vertex AI with --provider (or CLAUDE_CODE_USE_BEDROCK=1 / CLAUDE_CODE_USE_VERTEX=1).',
    );
  const problem = keyShapeProblem(apiKey ?? authToken!);
  if (problem)
    throw new RunFailedError(
      `${apiKey ? 'ANTHROPIC_API_KEY' : 'ANTHROPIC_AUTH_TOKEN'} ${problem}: set the secret again without it.`,
    );
  return {
    client: { ...common, ...(apiKey ? { apiKey } : { authToken: authToken! }), ...(baseURL && { baseURL }) },
    choice,
    label: providerLabel(choice, baseURL),
    capabilities: CAPABILITIES.anthropic,
    ...described,
  };
}

/**
 * A command's access from its flags and config file, announced on stderr ("Provider: …"), with the
 * price table as that provider bills it (regional routes cost more on Bedrock and Vertex).
 */
export async function accessFor(
  command: { provider?: ProviderName },
  config: { provider?: ProviderName; modelIds?: Record<string, string>; settings: { prices?: PriceTable } },
  io: { env: NodeJS.ProcessEnv; stderr: { write(text: string): unknown } },
): Promise<CliAccess & { prices: PriceTable }> {
  const provider = command.provider ?? config.provider;
  const access = await clientFromEnv(io.env, {
    ...(provider && { provider }),
    ...(config.modelIds && { modelIds: config.modelIds }),
    onNotice: (message) => io.stderr.write(`note: ${message}\n`),
  });
  io.stderr.write(`Provider: ${access.label}${access.transport ? ` (${access.transport})` : ''}\n`);
  return {
    ...access,
    prices: providerPriceTable(config.settings.prices ?? DEFAULT_PRICES, access.choice, config.modelIds),
  };
}

/**
 * `text` without the key (as set and as used), a gateway token, cloud credentials, custom header values,
 * the GitHub token `--github-review` uses, or anything key-shaped: for every line and report the CLI writes.
 */
export function withoutKey(text: string, env: NodeJS.ProcessEnv): string {
  const secrets = [env['ANTHROPIC_API_KEY'] ?? '', env['GITHUB_TOKEN'] ?? ''];
  return redact(text, [...secrets, ...secrets.map((s) => s.trim()), ...secretsInEnv(env)].filter(Boolean));
}
