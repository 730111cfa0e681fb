import type { BucketReading, Meter, ResetMeaning } from './meter.js';

/** Refill rate and size of one bucket. `rate` is per second. */
export interface BucketLimits {
  readonly rate: number;
  readonly burst: number;
}

/**
 * A continuous-refill token bucket (the model behind OpenAI's and Anthropic's documented
 * limits): it starts full, holds at most `burst`, and refills `rate` per second. Time is
 * passed in, in milliseconds, so the maths is testable without a clock.
 */
export class TokenBucket implements Meter {
  #limits: BucketLimits;
  #level: number;
  #at: number;

  constructor(limits: BucketLimits, nowMs: number) {
    this.#limits = limits;
    this.#level = limits.burst;
    this.#at = nowMs;
  }

  get limits(): BucketLimits {
    return this.#limits;
  }

  level(nowMs: number): number {
    this.#refill(nowMs);
    return this.#level;
  }

  /** Milliseconds until `cost` fits: 0 if it fits now, `Infinity` if it can never fit. */
  waitMs(cost: number, nowMs: number): number {
    this.#refill(nowMs);
    if (cost <= this.#level) return 0;
    if (cost > this.#limits.burst || this.#limits.rate <= 0) return Number.POSITIVE_INFINITY;
    return ((cost - this.#level) / this.#limits.rate) * 1000;
  }

  /** Milliseconds until the bucket is full again (what OpenAI's and Anthropic's resets mean). */
  fullMs(nowMs: number): number {
    this.#refill(nowMs);
    if (this.#limits.rate <= 0) return this.#level >= this.#limits.burst ? 0 : Number.POSITIVE_INFINITY;
    return ((this.#limits.burst - this.#level) / this.#limits.rate) * 1000;
  }

  /** Removes `cost`; call only after {@link waitMs} returned 0. */
  take(cost: number, nowMs: number): void {
    this.#refill(nowMs);
    this.#level -= cost;
  }

  /** A bucket holds nothing while a request runs. */
  release(): void {}

  reading(cost: number, nowMs: number, meaning: ResetMeaning): BucketReading {
    return {
      rate: this.#limits.rate,
      burst: this.#limits.burst,
      remaining: Math.max(0, Math.floor(this.level(nowMs))),
      resetMs: meaning === 'full' ? this.fullMs(nowMs) : this.waitMs(cost, nowMs),
    };
  }

  /** A capacity change: refill at the old rate up to now, then keep the level within the new burst. */
  setLimits(limits: BucketLimits, nowMs: number): void {
    this.#refill(nowMs);
    this.#limits = limits;
    this.#level = Math.min(this.#level, limits.burst);
  }

  #refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.#at);
    this.#level = Math.min(this.#limits.burst, this.#level + (elapsed / 1000) * this.#limits.rate);
    this.#at = Math.max(this.#at, nowMs);
  }
}
