import { DEFAULT_PRICES, type PriceTable } from '../core';
import type { Settings } from './settingsSchema';

/**
 * The price table to cost calls with: the built-in prices, overridden per model by the
 * claudeMultiAgent.prices setting (passing the setting alone, `{}` by default, would make every
 * cost "unknown").
 */
export function priceTable(settings: Pick<Settings, 'prices'>): PriceTable {
  return { ...DEFAULT_PRICES, ...settings.prices };
}
