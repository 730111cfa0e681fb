import { ConcurrencyCap } from './concurrency-cap.js';
import { FixedWindow } from './fixed-window.js';
import type { BucketReading, Meter, MeterLimits, ResetMeaning } from './meter.js';
import type { ResolvedLimiter, ResolvedLimits } from './resolve-options.js';
import { TokenBucket } from './token-bucket.js';

export type { BucketReading } from './meter.js';

export type LimitUnit = 'requests' | 'tokens';

/** The answer to "may this request run now?". `waitMs` is `Infinity` when it can never fit. */
export type Admission = { readonly granted: true } | { readonly granted: false; unit: LimitUnit; waitMs: number };

export interface LimitReadings {
  readonly requests: BucketReading;
  readonly tokens: BucketReading | undefined;
  /** The per-day request quota (Groq's RPD), when one is set. */
  readonly daily: BucketReading | undefined;
}

const MS_PER_DAY = 86_400_000;

/**
 * One API key's limits: the request meter of the provider's limiter kind, the token meter (a
 * fixed window when requests are counted in windows, else a bucket) and the daily request
 * quota. A request must fit every one, and then pays every one.
 */
export class KeyLimits {
  readonly #limiter: ResolvedLimiter;
  readonly #wallOffsetMs: number;
  readonly #requests: Meter;
  readonly #daily: TokenBucket | undefined;
  #tokens: Meter | undefined;

  constructor(limiter: ResolvedLimiter, wallOffsetMs: number, limits: ResolvedLimits, nowMs: number) {
    this.#limiter = limiter;
    this.#wallOffsetMs = wallOffsetMs;
    this.#requests = this.#meter(requestLimits(limits), nowMs, limiter.kind);
    this.#tokens = limits.tokens === undefined ? undefined : this.#meter(limits.tokens, nowMs, tokenKind(limiter));
    // A day's quota refills continuously: Groq's example, 30 of 14,400 used, resets in about 3 minutes.
    const perDay = limiter.requestsPerDay;
    this.#daily = Number.isFinite(perDay)
      ? new TokenBucket({ rate: (perDay * 1000) / MS_PER_DAY, burst: perDay }, nowMs)
      : undefined;
  }

  admit(tokens: number, nowMs: number): Admission {
    const requestWait = Math.max(this.#requests.waitMs(1, nowMs), this.#daily?.waitMs(1, nowMs) ?? 0);
    const tokenWait = this.#tokens?.waitMs(tokens, nowMs) ?? 0;
    if (requestWait === 0 && tokenWait === 0) {
      this.#requests.take(1, nowMs);
      this.#daily?.take(1, nowMs);
      this.#tokens?.take(tokens, nowMs);
      return { granted: true };
    }
    // Every meter must fit, so the truthful wait is the longest; name the meter that binds.
    return tokenWait > requestWait
      ? { granted: false, unit: 'tokens', waitMs: tokenWait }
      : { granted: false, unit: 'requests', waitMs: requestWait };
  }

  /** The answer to an admitted request has been sent: a concurrency cap frees its slot. */
  release(tokens: number): void {
    this.#requests.release(1);
    this.#tokens?.release(tokens);
  }

  setLimits(limits: ResolvedLimits, nowMs: number): void {
    this.#requests.setLimits(requestLimits(limits), nowMs);
    if (limits.tokens === undefined) this.#tokens = undefined;
    else if (this.#tokens === undefined) this.#tokens = this.#meter(limits.tokens, nowMs, tokenKind(this.#limiter));
    else this.#tokens.setLimits(limits.tokens, nowMs);
  }

  readings(tokens: number, nowMs: number, meaning: ResetMeaning): LimitReadings {
    return {
      requests: this.#requests.reading(1, nowMs, meaning),
      tokens: this.#tokens?.reading(tokens, nowMs, meaning),
      daily: this.#daily?.reading(1, nowMs, 'full'),
    };
  }

  #meter(limits: MeterLimits, nowMs: number, kind: ResolvedLimiter['kind']): Meter {
    if (kind === 'fixed-window') return new FixedWindow(limits, this.#limiter.windowMs, this.#wallOffsetMs);
    if (kind === 'concurrency') return new ConcurrencyCap(limits);
    return new TokenBucket(limits, nowMs);
  }
}

function requestLimits(limits: ResolvedLimits): MeterLimits {
  return limits.maxConcurrent === undefined
    ? limits.requests
    : { ...limits.requests, maxConcurrent: limits.maxConcurrent };
}

/** Tokens are counted per window beside a windowed request count; a concurrency cap has no token form. */
function tokenKind(limiter: ResolvedLimiter): ResolvedLimiter['kind'] {
  return limiter.kind === 'fixed-window' ? 'fixed-window' : 'token-bucket';
}
