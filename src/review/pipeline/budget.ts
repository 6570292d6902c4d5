// Spending caps: per run and per day (USD; 0 = off). Before a run, an estimate above a cap asks first;
// while it streams, live costs are summed and the moment a cap is reached the run is stopped (no new
// requests, open ones aborted with their text kept) and the message says which cap stopped it.
import { formatUsd, SpendGuard, type CacheTtl, type PriceTable } from '../../core';
import type { ReviewEstimate } from './estimate';

/** Caps are often cents: "$0.012", not "$0.01" next to a spend of "$0.01". */
const dollars = (v: number): string => (v >= 1 || v === 0 ? formatUsd(v) : `$${Number(v.toPrecision(3))}`);

export interface BudgetLimits {
  perRunUsd: number;
  perDayUsd: number;
}

/** Today's spend, kept by the shell across reloads (the editor's globalState). */
export interface SpendLedger {
  spentToday(): number;
  add(usd: number): Promise<void>;
}

export type CapName = 'perRun' | 'perDay';

/** Why an estimate needs the user's consent, or undefined when it fits both caps. */
export function overCapBefore(
  estimate: Pick<ReviewEstimate, 'highUsd'>,
  limits: BudgetLimits,
  spentToday: number,
  /** Who may spend it: "This review may", "Security may". */
  subject = 'This review may',
): { cap: CapName; message: string } | undefined {
  if (limits.perRunUsd > 0 && estimate.highUsd > limits.perRunUsd) {
    return {
      cap: 'perRun',
      message: `${subject} cost up to ${dollars(estimate.highUsd)}, above the per-run cap of ${dollars(limits.perRunUsd)}.`,
    };
  }
  if (limits.perDayUsd > 0 && spentToday + estimate.highUsd > limits.perDayUsd) {
    return {
      cap: 'perDay',
      message: `${subject} cost up to ${dollars(estimate.highUsd)}; with ${dollars(spentToday)} spent today that passes the daily cap of ${dollars(limits.perDayUsd)}.`,
    };
  }
  return undefined;
}

/** Sums the latest live cost of each section and calls `stop` once, when a cap is reached. */
export class RunBudget {
  private readonly bySection = new Map<string, number>();
  private stopped: CapName | undefined;

  constructor(
    private readonly limits: BudgetLimits,
    private readonly spentBefore: number,
    private readonly stop: (cap: CapName, message: string) => void,
  ) {}

  get total(): number {
    let sum = 0;
    for (const v of this.bySection.values()) sum += v;
    return sum;
  }

  get stoppedBy(): CapName | undefined {
    return this.stopped;
  }

  /** A section's cost so far (it replaces the section's previous figure). */
  update(sectionId: string, usd: number | undefined): void {
    if (usd === undefined) return;
    this.bySection.set(sectionId, usd);
    if (this.stopped) return;
    const total = this.total;
    if (this.limits.perRunUsd > 0 && total >= this.limits.perRunUsd) {
      this.halt(
        'perRun',
        `Stopped by the per-run cap of ${dollars(this.limits.perRunUsd)} (spent ${dollars(total)}); partial answers are kept.`,
      );
    } else if (this.limits.perDayUsd > 0 && this.spentBefore + total >= this.limits.perDayUsd) {
      this.halt(
        'perDay',
        `Stopped by the daily cap of ${dollars(this.limits.perDayUsd)} (spent ${dollars(this.spentBefore + total)} today); partial answers are kept.`,
      );
    }
  }

  private halt(cap: CapName, message: string): void {
    this.stopped = cap;
    this.stop(cap, message);
  }
}

/**
 * The guard that keeps both caps before each request (core SpendGuard): what is left under the
 * tighter of them; undefined when neither is set.
 */
export function capGuard(
  limits: BudgetLimits,
  spentBefore: number,
  pricing: { prices?: PriceTable; cacheTtl?: CacheTtl },
  onRefuse: (cap: CapName, message: string) => void,
): SpendGuard | undefined {
  const perRun = limits.perRunUsd > 0 ? limits.perRunUsd : Infinity;
  const perDay = limits.perDayUsd > 0 ? Math.max(0, limits.perDayUsd - spentBefore) : Infinity;
  if (perRun === Infinity && perDay === Infinity) return undefined;
  const cap: CapName = perRun <= perDay ? 'perRun' : 'perDay';
  return new SpendGuard({
    limitUsd: Math.min(perRun, perDay),
    ...(pricing.prices && { prices: pricing.prices }),
    ...(pricing.cacheTtl && { cacheTtl: pricing.cacheTtl }),
    capName:
      cap === 'perRun'
        ? `the per-run cap of ${dollars(limits.perRunUsd)}`
        : `the daily cap of ${dollars(limits.perDayUsd)} (${dollars(spentBefore)} spent earlier today)`,
    onRefuse: (message) => onRefuse(cap, message),
  });
}

/**
 * A run that the caller's Cancel or a spending cap stops: its requests take `signal` and `guard`; a
 * request the guard refuses, or live costs reaching a cap, abort it after `onCap` (which reports it),
 * and `capMessage` then says which cap it was.
 */
export class CappedRun {
  readonly budget: RunBudget;
  /** Admits each request only when its worst case fits under the caps (undefined: no cap set). */
  readonly guard: SpendGuard | undefined;
  private readonly controller = new AbortController();
  private readonly forwardCancel = (): void => this.controller.abort(this.outer?.reason);
  private capped: string | undefined;

  constructor(
    limits: BudgetLimits,
    spentBefore: number,
    private readonly outer: AbortSignal | undefined,
    onCap: (cap: CapName, message: string) => void,
    pricing: { prices?: PriceTable; cacheTtl?: CacheTtl } = {},
  ) {
    outer?.addEventListener('abort', this.forwardCancel, { once: true });
    const stop = (cap: CapName, message: string) => {
      if (this.capped) return;
      this.capped = message;
      onCap(cap, message);
      this.controller.abort();
    };
    this.budget = new RunBudget(limits, spentBefore, stop);
    this.guard = capGuard(limits, spentBefore, pricing, stop);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Stops following the caller's signal (the run's requests have ended). */
  end(): void {
    this.outer?.removeEventListener('abort', this.forwardCancel);
  }

  /** An outcome's message led by the cap that stopped the run, if one did. */
  leadWithCap(message: string | undefined): string | undefined {
    if (!this.capped) return message;
    return message ? `${this.capped} ${message}` : this.capped;
  }
}
