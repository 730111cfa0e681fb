/** What reset headers count down to: until a request like this one fits again, or until the meter is full. */
export type ResetMeaning = 'next' | 'full';

/** One meter as the rate-limit headers describe it. */
export interface BucketReading {
  /** Sustained per-second rate (a fixed window's allowance ÷ its length; 0 for a concurrency cap). */
  readonly rate: number;
  /** The most it holds: a bucket's size, a window's allowance, a cap's slots. */
  readonly burst: number;
  /** Whole units left, rounded down. */
  readonly remaining: number;
  /** Milliseconds until the reset the meter reports; `Infinity` when it has none (a concurrency cap). */
  readonly resetMs: number;
  /** Set on a concurrency cap: its limit is this many requests in flight, whatever the dialect's period. */
  readonly maxConcurrent?: number;
}

/** A meter's limits: `rate` per second and `burst` (token bucket, fixed window), `maxConcurrent` (concurrency cap). */
export interface MeterLimits {
  readonly rate: number;
  readonly burst: number;
  readonly maxConcurrent?: number;
}

/**
 * A request or token limit of one key: a token bucket, a fixed window or a concurrency cap.
 * Times are the provider's milliseconds since start.
 */
export interface Meter {
  /** Milliseconds until `cost` fits: 0 if it fits now, `Infinity` if it can never fit. */
  waitMs(cost: number, nowMs: number): number;
  /** Charges `cost`; call only after {@link waitMs} returned 0. */
  take(cost: number, nowMs: number): void;
  /** Gives back what a finished request held; only a concurrency cap holds anything. */
  release(cost: number): void;
  reading(cost: number, nowMs: number, meaning: ResetMeaning): BucketReading;
  /** A capacity change from `nowMs` on. */
  setLimits(limits: MeterLimits, nowMs: number): void;
}
