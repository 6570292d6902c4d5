// --max-cost: a running estimate of what a review has spent, from its events, that aborts the run
// when it reaches the cap. Each started request counts its shared block at the input price and each
// streamed character a quarter token of output, so the estimate runs ahead of the bill, not behind.
import { findPrice, type PriceTable } from '../core';
import type { ReviewEvent } from '../review';

const CHARS_PER_TOKEN = 4;

export interface CostCap {
  /** Feed every review event here. */
  onEvent(event: ReviewEvent): void;
  /** Aborted when the cap is reached. */
  readonly signal: AbortSignal;
  readonly reached: boolean;
  readonly estimatedUsd: number;
}

export function costCap(maxUsd: number, model: string, prices?: PriceTable, outer?: AbortSignal): CostCap {
  const controller = new AbortController();
  if (outer) outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  const price = findPrice(model, prices);
  let contextTokens = 0;
  let spent = 0;
  let reached = false;
  const add = (usd: number): void => {
    spent += usd;
    if (!reached && spent >= maxUsd) {
      reached = true;
      controller.abort(new Error(`--max-cost ${maxUsd} reached`));
    }
  };
  return {
    onEvent(event) {
      if (!price) return;
      if (event.type === 'planned') contextTokens = event.plan.estimate.contextTokens;
      else if (event.type === 'status' && event.status === 'streaming') add((contextTokens * price.input) / 1e6);
      else if (event.type === 'text') add((event.text.length / CHARS_PER_TOKEN) * (price.output / 1e6));
    },
    signal: controller.signal,
    get reached() {
      return reached;
    },
    get estimatedUsd() {
      return spent;
    },
  };
}
