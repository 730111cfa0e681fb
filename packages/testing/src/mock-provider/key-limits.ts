import type { ResolvedLimits } from './resolve-options.js';
import { TokenBucket } from './token-bucket.js';

export type LimitUnit = 'requests' | 'tokens';

/** The answer to "may this request run now?". `waitMs` is `Infinity` when it can never fit. */
export type Admission = { readonly granted: true } | { readonly granted: false; unit: LimitUnit; waitMs: number };

/** One bucket as the rate-limit headers describe it. */
export interface BucketReading {
  /** Per-second refill rate. */
  readonly rate: number;
  readonly burst: number;
  /** Whole units left, rounded down. */
  readonly remaining: number;
  /** Until a request like this one fits again (`next`) or until the bucket is full (`full`). */
  readonly resetMs: number;
}

export interface LimitReadings {
  readonly requests: BucketReading;
  readonly tokens: BucketReading | undefined;
}

/** One API key's request and token buckets; a request must fit both, and then pays both. */
export class KeyLimits {
  readonly #requests: TokenBucket;
  #tokens: TokenBucket | undefined;

  constructor(limits: ResolvedLimits, nowMs: number) {
    this.#requests = new TokenBucket(limits.requests, nowMs);
    this.#tokens = limits.tokens === undefined ? undefined : new TokenBucket(limits.tokens, nowMs);
  }

  admit(tokens: number, nowMs: number): Admission {
    const requestWait = this.#requests.waitMs(1, nowMs);
    const tokenWait = this.#tokens?.waitMs(tokens, nowMs) ?? 0;
    if (requestWait === 0 && tokenWait === 0) {
      this.#requests.take(1, nowMs);
      this.#tokens?.take(tokens, nowMs);
      return { granted: true };
    }
    // Both must fit, so the truthful wait is the longer one; name the bucket that binds.
    return tokenWait > requestWait
      ? { granted: false, unit: 'tokens', waitMs: tokenWait }
      : { granted: false, unit: 'requests', waitMs: requestWait };
  }

  setLimits(limits: ResolvedLimits, nowMs: number): void {
    this.#requests.setLimits(limits.requests, nowMs);
    if (limits.tokens === undefined) this.#tokens = undefined;
    else if (this.#tokens === undefined) this.#tokens = new TokenBucket(limits.tokens, nowMs);
    else this.#tokens.setLimits(limits.tokens, nowMs);
  }

  readings(tokens: number, nowMs: number, meaning: 'next' | 'full'): LimitReadings {
    const read = (bucket: TokenBucket, cost: number): BucketReading => ({
      rate: bucket.limits.rate,
      burst: bucket.limits.burst,
      remaining: Math.max(0, Math.floor(bucket.level(nowMs))),
      resetMs: meaning === 'full' ? bucket.fullMs(nowMs) : bucket.waitMs(cost, nowMs),
    });
    return {
      requests: read(this.#requests, 1),
      tokens: this.#tokens === undefined ? undefined : read(this.#tokens, tokens),
    };
  }
}
