// A spending cap that holds: before each request (each attempt of it) its worst case is worked out
// (input counted by the API's count_tokens endpoint, every input token at the dearest input rate, a cache
// write, plus max_tokens of output) and the request starts only when that fits in what is left after
// what was spent and what requests in flight may still cost. One that would fit once others finish waits
// for them; one that cannot fit is never sent, and the guard says so (the caller stops its run). What a
// finished request cost replaces its reservation; one that failed or was aborted keeps its whole
// reservation (the output billed before the cut is not known), so the sum billed never passes the cap.
// The command line's --max-cost and the editor's per-run and per-day caps are this one guard.
import type { SdkClient } from './client';
import { countInputTokens } from './estimate';
import type { RequestParams } from './params';
import { CACHE_WRITE_1H_MULTIPLIER, CACHE_WRITE_MULTIPLIER, costOf, findPrice, type PriceTable } from './pricing';
import type { Usage } from './usage';
import type { CacheTtl } from './warmPrefixes';

export interface SpendGuardOptions {
  /** The most the requests through this guard may be billed together, in USD. */
  limitUsd: number;
  prices?: PriceTable;
  cacheTtl?: CacheTtl;
  /** Told once, when a request is refused because it could pass the cap; the caller stops its run. */
  onRefuse?: (message: string) => void;
  /** "the per-run cap of $0.10", for messages (default: "the cap of $…"). */
  capName?: string;
}

/** A request the guard let start: tell it what the request was billed once it has ended. */
export interface Admission {
  /** The request completed: its reported usage replaces the reservation. */
  settle(usage: Usage): void;
  /** The request failed or was aborted: the whole reservation stays spent (the output before the cut is unknown). */
  keep(): void;
}

/** Thrown (and told to onRefuse) when a request could cost more than is left. */
export class SpendCapError extends Error {
  override readonly name = 'SpendCapError';
}

const usd = (v: number): string => `$${v.toFixed(4)}`;

export class SpendGuard {
  private spent = 0;
  private reserved = 0;
  private inFlight = 0;
  private wake: Array<() => void> = [];
  private refused: string | undefined;

  constructor(private readonly options: SpendGuardOptions) {}

  get limitUsd(): number {
    return this.options.limitUsd;
  }

  /** Billed (or kept as possibly billed) so far. */
  get spentUsd(): number {
    return this.spent;
  }

  /** Why a request was refused, once one was. */
  get refusal(): string | undefined {
    return this.refused;
  }

  /**
   * The most one request can be billed: its input (counted) at the dearest input rate and `maxTokens`
   * of output; undefined when the model has no known price.
   */
  worstCaseUsd(model: string, inputTokens: number, maxTokens: number): number | undefined {
    const price = findPrice(model, this.options.prices);
    if (!price) return undefined;
    const write =
      this.options.cacheTtl === '1h'
        ? price.input * CACHE_WRITE_1H_MULTIPLIER
        : (price.cacheWrite ?? price.input * CACHE_WRITE_MULTIPLIER);
    return (inputTokens * Math.max(price.input, write) + maxTokens * price.output) / 1e6;
  }

  /** Counts the request's input, then waits until its worst case fits, or refuses it (SpendCapError). */
  async admit(client: SdkClient, params: RequestParams, signal?: AbortSignal): Promise<Admission> {
    if (this.refused) throw new SpendCapError(this.refused);
    const counted = await countInputTokens(
      client,
      {
        model: params.model,
        messages: params.messages,
        ...(params.system !== undefined && { system: params.system }),
        ...(params.tools && { tools: params.tools }),
      },
      signal,
    );
    // A local count is chars/4; real tokenizers can need more: count a third more to stay on the safe side.
    const tokens = counted.counted === 'api' ? counted.tokens : Math.ceil((counted.tokens * 4) / 3);
    const worst = this.worstCaseUsd(params.model, tokens, params.max_tokens);
    const cap = this.options.capName ?? `the cap of ${usd(this.options.limitUsd)}`;
    if (worst === undefined)
      return this.refuse(
        `No price is known for ${params.model}, so a request to it could pass ${cap}; nothing was sent to it.`,
      );
    for (;;) {
      signal?.throwIfAborted();
      if (this.refused) throw new SpendCapError(this.refused);
      if (this.spent + this.reserved + worst <= this.options.limitUsd) break;
      if (this.inFlight === 0 || this.spent + worst > this.options.limitUsd)
        return this.refuse(
          `Not started: a request could cost up to ${usd(worst)} (${tokens} input tokens counted, max_tokens ${params.max_tokens}), more than the ${usd(Math.max(0, this.options.limitUsd - this.spent - this.reserved))} left under ${cap}.`,
        );
      await this.nextSettle(signal);
    }
    this.reserved += worst;
    this.inFlight += 1;
    let done = false;
    const release = (billed: number) => {
      if (done) return;
      done = true;
      this.reserved -= worst;
      this.inFlight -= 1;
      this.spent += billed;
      for (const w of this.wake.splice(0)) w();
    };
    return {
      settle: (usage) => release(costOf(usage, params.model, this.options.prices).usd ?? worst),
      keep: () => release(worst),
    };
  }

  private refuse(message: string): never {
    if (!this.refused) {
      this.refused = message;
      this.options.onRefuse?.(message);
    }
    throw new SpendCapError(message);
  }

  private nextSettle(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.wake.push(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
