// A review's `cost` event as the webview shows it: pre-formatted, like CostView.
import { formatUsd } from '../../core';
import type { ReviewEvent } from '../../review';
import type { LaneCostView } from '../../shared/protocol';

export function toLaneCostView(event: Extract<ReviewEvent, { type: 'cost' }>): LaneCostView {
  const { usage, usd, cache, cacheMinimum, final } = event.live;
  const view: LaneCostView = {
    sectionId: event.sectionId,
    tokens: {
      input: usage.inputTokens,
      output: usage.outputTokens,
      cacheWrite: usage.cacheWriteTokens,
      cacheRead: usage.cacheReadTokens,
    },
    cost: formatUsd(usd),
    final,
    total: formatUsd(event.total.usd),
  };
  if (cache) view.cache = cache;
  if (cacheMinimum !== undefined) view.cacheMinimum = cacheMinimum;
  if (event.total.savedUsd > 0) view.saved = formatUsd(event.total.savedUsd);
  return view;
}
