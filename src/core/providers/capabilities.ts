// What a built client's provider serves. The cloud SDKs remove `countTokens` and `batches` from their
// types only (the methods stay on the prototype and would call a path the cloud does not have), so the
// provider marks each client it builds and callers ask here before using those endpoints.
import { CAPABILITIES, type ProviderCapabilities, type ProviderName } from './choice';

const MARK = Symbol.for('claudeMultiAgent.provider');

interface Marked {
  [MARK]?: { name: ProviderName; label: string };
}

export function markClient<T extends object>(client: T, name: ProviderName, label: string): T {
  Object.defineProperty(client, MARK, { value: { name, label }, enumerable: false });
  return client;
}

/** The provider a client was built for ('anthropic' for any client not built by a cloud provider). */
export function providerOf(client: object): { name: ProviderName; label: string } | undefined {
  return (client as Marked)[MARK];
}

export function capabilitiesOf(client: object): ProviderCapabilities {
  return CAPABILITIES[providerOf(client)?.name ?? 'anthropic'];
}
