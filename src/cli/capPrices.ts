// --max-cost needs a price for every model a run may use: without one, no request's worst case can be
// priced, so the cap is refused before anything is paid for (review and sweep alike).
import { findPrice, type ModelPrice, type PriceTable } from '../core';
import { UsageError } from './exitCodes';

/** Each model's price; a UsageError naming the models without one, with how to give it. */
export function pricesForCap(models: readonly string[], prices: PriceTable | undefined): Map<string, ModelPrice> {
  const found = new Map<string, ModelPrice>();
  const unpriced: string[] = [];
  for (const model of new Set(models)) {
    const price = findPrice(model, prices);
    if (price) found.set(model, price);
    else unpriced.push(model);
  }
  if (unpriced.length)
    throw new UsageError(
      `--max-cost cannot be kept: no price is known for ${unpriced.join(', ')}. Give ${unpriced.length === 1 ? 'its' : 'their'} prices in --config, e.g. {"prices": {"${unpriced[0]}": {"input": 3, "output": 15}}} (USD per million tokens).`,
    );
  return found;
}
