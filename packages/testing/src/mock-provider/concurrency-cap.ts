import type { BucketReading, Meter, MeterLimits } from './meter.js';

/**
 * Gateways that cap concurrency send a short conventional `Retry-After: 1` on their 429: the
 * slot frees when some other answer finishes, which no server can foresee.
 */
export const CONCURRENCY_RETRY_MS = 1000;

/**
 * At most `maxConcurrent` requests in flight; a slot is held from admission until the answer has
 * been sent (the provider calls {@link release}). There is no refill and so no reset to report;
 * the wait on a refusal is the conventional {@link CONCURRENCY_RETRY_MS}.
 */
export class ConcurrencyCap implements Meter {
  #max: number;
  #inFlight = 0;

  constructor(limits: MeterLimits) {
    this.#max = limits.maxConcurrent ?? 1;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  waitMs(cost: number): number {
    if (this.#inFlight + cost <= this.#max) return 0;
    return cost > this.#max ? Number.POSITIVE_INFINITY : CONCURRENCY_RETRY_MS;
  }

  take(cost: number): void {
    this.#inFlight += cost;
  }

  release(cost: number): void {
    this.#inFlight = Math.max(0, this.#inFlight - cost);
  }

  reading(): BucketReading {
    return {
      rate: 0,
      burst: this.#max,
      remaining: Math.max(0, this.#max - this.#inFlight),
      resetMs: Number.POSITIVE_INFINITY,
      maxConcurrent: this.#max,
    };
  }

  /** A new cap at once; requests already in flight over it finish, and new ones wait until they have. */
  setLimits(limits: MeterLimits): void {
    if (limits.maxConcurrent !== undefined) this.#max = limits.maxConcurrent;
  }
}
