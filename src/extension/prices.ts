import { DEFAULT_PRICES, providerPriceTable, type PriceTable } from '../core';
import { providerChoiceOf } from './providerSettings';
import type { Settings } from './settingsSchema';

/**
 * The price table to cost calls with: the built-in prices as the chosen provider bills them (Bedrock's
 * regional inference profiles and Vertex's regional endpoints cost 10% more), overridden per model by
 * the claudeMultiAgent.prices setting (passing the setting alone, `{}` by default, would make every
 * cost "unknown").
 */
export function priceTable(
  settings: Pick<Settings, 'prices'> & Partial<Parameters<typeof providerChoiceOf>[0] & Pick<Settings, 'modelIds'>>,
): PriceTable {
  let table: PriceTable = DEFAULT_PRICES;
  if (settings.provider) {
    try {
      table = providerPriceTable(DEFAULT_PRICES, providerChoiceOf(settings as Settings), settings.modelIds);
    } catch {
      // a provider setting problem is reported when a run connects
    }
  }
  return { ...table, ...settings.prices };
}
