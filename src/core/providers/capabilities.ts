// What a built client's provider serves. The cloud SDKs remove `countTokens` and `batches` from their
// types only (the methods stay on the prototype and would call a path the cloud does not have), so the
// provider marks each client it builds and callers ask here before using those endpoints.
import { CAPABILITIES, type ProviderCapabilities, type ProviderName } from './choice';

const MARK = Symbol.for('claudeMultiAgent.provider');

export interface ClientMark {
  name: ProviderName;
  label: string;
  /** The id sent for one of our model names. */
  toWire: (model: string) => string;
}

interface Marked {
  [MARK]?: ClientMark;
}

export function markClient<T extends object>(client: T, mark: ClientMark): T {
  Object.defineProperty(client, MARK, { value: mark, enumerable: false });
  return client;
}

/** The provider a client was built for (undefined for the Anthropic API's own clients). */
export function providerOf(client: object): ClientMark | undefined {
  return (client as Marked)[MARK];
}

export function capabilitiesOf(client: object): ProviderCapabilities {
  return CAPABILITIES[providerOf(client)?.name ?? 'anthropic'];
}
