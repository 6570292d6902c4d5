// Prices per provider. Bedrock and Vertex charge the Anthropic API's prices through their global
// endpoints; regional routes (a Bedrock `us.`/`eu.`… profile, a Vertex region other than `global`)
// cost 10% more for Claude Sonnet 4.5 and later models (the providers' pricing pages).
import type { PriceTable } from '../pricing';
import type { ProviderChoice } from './choice';
import { isRegionalRoute, providerModelId } from './modelIds';

export const REGIONAL_PREMIUM = 1.1;

/** Models from before the global/regional split keep one price everywhere. */
const SINGLE_PRICE = new Set(['claude-sonnet-4', 'claude-opus-4', 'claude-opus-4-1']);
const singlePriced = (model: string): boolean =>
  model.startsWith('claude-3') || SINGLE_PRICE.has(model.replace(/-\d{8}$/, ''));

/** `table` as `choice`'s provider bills it (the table itself for the Anthropic API). */
export function providerPriceTable(
  table: PriceTable,
  choice: ProviderChoice,
  modelIds?: Readonly<Record<string, string>>,
): PriceTable {
  if (choice.name === 'anthropic') return table;
  const out: PriceTable = {};
  for (const [model, price] of Object.entries(table)) {
    const regional = isRegionalRoute(providerModelId(model, choice, modelIds), choice) && !singlePriced(model);
    const f = regional ? REGIONAL_PREMIUM : 1;
    out[model] = {
      input: price.input * f,
      output: price.output * f,
      ...(price.cacheWrite !== undefined && { cacheWrite: price.cacheWrite * f }),
      ...(price.cacheRead !== undefined && { cacheRead: price.cacheRead * f }),
    };
  }
  return out;
}
