// --max-cost for a sweep. A batch cannot be stopped halfway for less, so it is sent only when its worst
// case fits under the cap: every request's input at the cache-write price and `maxTokens` of output, per
// expert's model, at the batch price (the full price for --interactive). The input is the local count of
// each group's block, as the sweep's plan reports it.
import { BATCH_PRICE_FACTOR, formatUsd } from '../core';
import { resolveModelAlias, type ExpertDefinition, type ReviewSettings, type SweepProgress } from '../review';
import { pricesForCap } from './capPrices';
import { CliError, EXIT } from './exitCodes';

type Gathered = Extract<SweepProgress, { type: 'gathered' }>;

/** Checks before anything is paid for; the returned function refuses a plan whose worst case passes the cap. */
export function sweepCostCap(
  maxCost: number,
  experts: readonly ExpertDefinition[],
  settings: ReviewSettings,
  interactive: boolean,
): (plan: Gathered) => void {
  const models = experts.map((e) => resolveModelAlias(e.model, settings.model));
  const prices = pricesForCap(models, settings.prices);
  const factor = interactive ? 1 : BATCH_PRICE_FACTOR;
  const what = interactive ? "requests'" : "batch's";
  return (plan) => {
    // Every expert reads every group: each expert's share of the input is the groups' blocks once.
    const perExpertInput = plan.inputTokens / Math.max(1, experts.length);
    const requestsPerExpert = plan.requests / Math.max(1, experts.length);
    let floorUsd = 0;
    let worstUsd = 0;
    for (const model of models) {
      const price = prices.get(model)!;
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
