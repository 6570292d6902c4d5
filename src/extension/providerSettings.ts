// The provider, its label and the custom headers from the user's settings and the environment (pure:
// no editor API, so it is tested directly). Settings win over the environment; with `provider` left at
// `anthropic`, Claude Code's CLAUDE_CODE_USE_BEDROCK / CLAUDE_CODE_USE_VERTEX still choose.
import { checkedHeaders, parseCustomHeaders } from '../core/providers/customHeaders';
import { providerLabel, type ProviderChoice } from '../core/providers/choice';
import { providerChoiceFrom } from '../core/providers/env';
import { checkedBaseUrl } from '../node/endpoint';
import { resolveBaseUrl } from './endpoint';
import type { Settings } from './settingsSchema';

type ProviderSettings = Pick<
  Settings,
  'provider' | 'bedrock.region' | 'bedrock.profile' | 'vertex.region' | 'vertex.projectId' | 'baseUrl'
>;

/** Throws an Error naming the setting or variable to fix. */
export function providerChoiceOf(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): ProviderChoice {
  return providerChoiceFrom(
    env,
    {
      ...(settings.provider !== 'anthropic' && { provider: settings.provider }),
      bedrockRegion: settings['bedrock.region'],
      bedrockProfile: settings['bedrock.profile'],
      vertexRegion: settings['vertex.region'],
      vertexProjectId: settings['vertex.projectId'],
      source: 'claudeMultiAgent.provider',
    },
    checkedBaseUrl,
  );
}

/** "Google Vertex AI (global)", "Anthropic API via gateway.example.com"; undefined when the settings are invalid. */
export function providerLabelOf(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const choice = providerChoiceOf(settings, env);
    return providerLabel(choice, choice.name === 'anthropic' ? resolveBaseUrl(settings, env) : undefined);
  } catch {
    return undefined;
  }
}

/** ANTHROPIC_CUSTOM_HEADERS, then claudeMultiAgent.customHeaders (which wins per name). Throws naming the source. */
export function customHeadersOf(
  settings: Pick<Settings, 'customHeaders'>,
  env: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const fromEnv = env['ANTHROPIC_CUSTOM_HEADERS']
    ? parseCustomHeaders(env['ANTHROPIC_CUSTOM_HEADERS'], 'ANTHROPIC_CUSTOM_HEADERS')
    : {};
  return { ...fromEnv, ...checkedHeaders(settings.customHeaders, 'claudeMultiAgent.customHeaders') };
}

/** For a review's panel: the provider's label when it is not the Anthropic API itself. */
export function providerOfRun(settings: ProviderSettings, env: NodeJS.ProcessEnv = process.env): { provider?: string } {
  const label = providerLabelOf(settings, env);
  return label && label !== 'Anthropic API' ? { provider: label } : {};
}
