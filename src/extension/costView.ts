import { formatUsd, type CostReport, type Usage } from '../core';
import type { CostView } from '../shared/protocol';

export function toCostView(usage: Usage, cost: CostReport): CostView {
  const view: CostView = {
    usage: {
      input: usage.inputTokens,
      output: usage.outputTokens,
      cacheWrite: usage.cacheWriteTokens,
      cacheRead: usage.cacheReadTokens,
    },
    cost: formatUsd(cost.usd),
  };
  // Only a real saving is shown (a run that wrote the cache but never read it saved nothing).
  if (cost.usd !== undefined && cost.uncachedUsd !== undefined && cost.uncachedUsd - cost.usd > 0)
    view.saved = formatUsd(cost.uncachedUsd - cost.usd);
  return view;
}

export const costLine = (c: CostView): string =>
  `${c.usage.input} input, ${c.usage.output} output, ${c.usage.cacheWrite} cache-write and ${c.usage.cacheRead} cache-read tokens; estimated cost ${c.cost}${c.saved ? `, caching saved ${c.saved}` : ''}.`;
