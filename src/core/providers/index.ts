// Where requests go: the Anthropic API, Amazon Bedrock or Google Vertex AI, each on its official SDK.
export {
  CAPABILITIES,
  PROVIDER_NAMES,
  PROVIDER_TITLES,
  providerLabel,
  type BedrockChoice,
  type ProviderCapabilities,
  type ProviderChoice,
  type ProviderName,
  type VertexChoice,
} from './choice';
export { canonicalModelName, isProviderModelId, isRegionalRoute, providerModelId, suggestedModelIds } from './modelIds';
export { providerPriceTable, REGIONAL_PREMIUM } from './prices';
export { loadCloudProvider, type CloudProvider, type CloudProviderOptions } from './open';
export type { CommonClientOptions } from './common';
export { capabilitiesOf, providerOf } from './capabilities';
export { checkedHeaders, parseCustomHeaders } from './customHeaders';
export { providerChoiceFrom, providerName, secretsInEnv, type ProviderOverrides, type UrlCheck } from './env';
