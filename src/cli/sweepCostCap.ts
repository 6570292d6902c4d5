// --max-cost for a sweep. A batch cannot be stopped halfway for less, so it is sent only when its worst
// case fits under the cap: every request's input at the cache-write price and `maxTokens` of output, per
// expert's model, at the batch price (the full price for --interactive). The input is the local count of
// each group's block, as the sweep's plan reports it.
import { BATCH_PRICE_FACTOR, findPrice, formatUsd, type ModelPrice } from '../core';
import { resolveModelAlias, type ExpertDefinition, type ReviewSettings, type SweepProgress } from '../review';
import { CliError, EXIT, UsageError } from './exitCodes';

type Gathered = Extract<SweepProgress, { type: 'gathered' }>;

/** Checks before anything is paid for; the returned function refuses a plan whose worst case passes the cap. */
export function sweepCostCap(
  maxCost: number,
  experts: readonly ExpertDefinition[],
  settings: ReviewSettings,
  interactive: boolean,
): (plan: Gathered) => void {
  const priced = experts.map((e) => {
    const model = resolveModelAlias(e.model, settings.model);
    return { model, price: findPrice(model, settings.prices) };
  });
  const unpriced = [...new Set(priced.filter((p) => !p.price).map((p) => p.model))];
  if (unpriced.length)
    throw new UsageError(
      `--max-cost cannot be kept: no price is known for ${unpriced.join(', ')}. Give ${unpriced.length === 1 ? 'its' : 'their'} prices in --config, e.g. {"prices": {"${unpriced[0]}": {"input": 3, "output": 15}}} (USD per million tokens).`,
    );
  const factor = interactive ? 1 : BATCH_PRICE_FACTOR;
  const what = interactive ? "requests'" : "batch's";
  return (plan) => {
    // Every expert reads every group: each expert's share of the input is the groups' blocks once.
    const perExpertInput = plan.inputTokens / Math.max(1, experts.length);
    const requestsPerExpert = plan.requests / Math.max(1, experts.length);
    let floorUsd = 0;
    let worstUsd = 0;
    for (const { price } of priced as Array<{ price: ModelPrice }>) {
      floorUsd += (perExpertInput * price.input) / 1e6;
      worstUsd +=
        (perExpertInput * (price.cacheWrite ?? price.input * 1.25) +
          requestsPerExpert * settings.maxTokens * price.output) /
        1e6;
    }
    floorUsd *= factor;
    worstUsd *= factor;
    if (worstUsd <= maxCost) return;
    throw new CliError(
      floorUsd >= maxCost
        ? `Not sent: the ${what} input alone would cost about ${formatUsd(floorUsd)}, at or above --max-cost ${maxCost}.`
        : `Not sent: the ${what} worst case is about ${formatUsd(worstUsd)} (input at the cache-write price, ${settings.maxTokens.toLocaleString('en-US')} output tokens per request), above --max-cost ${maxCost}, and a ${interactive ? 'sweep' : 'batch'} is not stopped halfway: lower maxTokens in --config or raise --max-cost.`,
      EXIT.budget,
    );
  };
}
