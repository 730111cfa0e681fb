import type { Clock } from '@staunch/core';
import type { ErrorStyle } from '../error-bodies/problem.js';

/**
 * How a 429 says when to come back, one provider dialect each (providers.md §2.2, §4.3, §5.3, §16):
 * - `retry-after`: whole seconds, rounded up
 * - `retry-after-date`: an HTTP-date (with a matching `Date` header)
 * - `retry-after-ms`: milliseconds (Azure, OpenAI)
 * - `openai`: `x-ratelimit-{limit,remaining,reset}-{requests,tokens}`, resets as Go durations
 * - `openai-ms`: `openai`'s headers and, on a 429, `retry-after-ms` too (what OpenAI's API sends)
 * - `together`: `x-ratelimit-{limit,remaining,reset}` per second, reset in seconds; `x-tokenlimit-*`
 * - `anthropic`: `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`, resets in RFC 3339
 * - `groq`: `x-ratelimit-{limit,remaining,reset}-requests` for the per-DAY request quota
 *   (`requestsPerDay`; reset = until it is whole again), `x-ratelimit-*-tokens` for the per-minute
 *   token limit, resets as Go durations; `retry-after` seconds on a 429 (providers.md §9.2). No
 *   header shows the per-second request limit (`rate`), as Groq sends none for its RPM.
 * - `gateway-empty`: a 429 with an empty body and no timing header (an API gateway's)
 * - `none`: no timing header at all
 *
 * A concurrency cap reports `limit` = the cap and `remaining` = free slots in the dialect's
 * request headers, no reset, and on a 429 a conventional 1 s wait in the retry-after dialects.
 */
export type HintStyle =
  | 'retry-after'
  | 'retry-after-date'
  | 'retry-after-ms'
  | 'openai'
  | 'openai-ms'
  | 'together'
  | 'anthropic'
  | 'groq'
  | 'gateway-empty'
  | 'none';

/**
 * How requests are limited:
 * - `token-bucket`: continuous refill at `rate`, holding at most `burst`
 * - `fixed-window`: `rate × windowMs / 1000` requests per window, the count cleared at each
 *   window boundary of the server's wall clock (every whole minute by default); `burst` is unused
 * - `concurrency`: at most `maxConcurrent` requests in flight; `rate` and `burst` are unused
 */
export type LimiterKind = 'token-bucket' | 'fixed-window' | 'concurrency';

export type { ErrorStyle } from '../error-bodies/problem.js';

/** Per-key limits. Rates are per second. */
export interface CapacityLimits {
  /** Requests per second per key. */
  rate: number;
  /** Requests a full bucket holds. @default max(1, rate) */
  burst?: number;
  /** Tokens per second per key (prompt chars / 4 + `max_tokens`). @default Infinity (no token limit) */
  tokensPerSecond?: number;
  /** Tokens a full bucket holds. @default tokensPerSecond */
  tokenBurst?: number;
  /** Requests in flight at once per key; required, and only read, with `limiter: 'concurrency'`. */
  maxConcurrent?: number;
}

/** A capacity change at `atMs` after the server started. */
export interface CapacityStep extends CapacityLimits {
  atMs: number;
}

/** Every chat request fails with `status` from `fromMs` (inclusive) to `toMs` after start. */
export interface OutageWindow {
  fromMs: number;
  toMs: number;
  /** @default 503 */
  status?: number;
}

/** Seeded random misbehaviour. Probabilities are per admitted request, in [0, 1]. */
export interface FaultRates {
  /** Probability of a transient 5xx. @default 0 */
  errorRate?: number;
  /** Which statuses a transient error picks from, uniformly. @default [500, 503, 504, 524] */
  errorStatuses?: number[];
  /** Probability of a TCP reset before any response byte. @default 0 */
  resetRate?: number;
  /** Probability of an answer delayed by `slowMs`. @default 0 */
  slowRate?: number;
  /** @default 2000 */
  slowMs?: number;
  /** Probability that a stream sends an in-band error after its first chunk. @default 0 */
  streamErrorRate?: number;
}

export interface MockProviderOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** Requests per second per key. @default 10 */
  rate?: number;
  /** @default max(1, rate) */
  burst?: number;
  /** @default Infinity (no token limit) */
  tokensPerSecond?: number;
  /** @default tokensPerSecond */
  tokenBurst?: number;
  /** @default 'token-bucket' */
  limiter?: LimiterKind;
  /** The length of a fixed window; windows start on multiples of it in wall-clock time. @default 60000 */
  windowMs?: number;
  /** Requests in flight at once per key; required with `limiter: 'concurrency'`. */
  maxConcurrent?: number;
  /**
   * A per-day request quota per key, refilling continuously, beside the limits above.
   * @default 14400 with `hint: 'groq'` (Groq's documented example), else Infinity (none)
   */
  requestsPerDay?: number;
  /**
   * Capacity changes over time; the limits above hold until the first step. A step takes
   * effect at once: a fixed window keeps this window's count, a concurrency cap its requests in flight.
   */
  capacity?: CapacityStep[];
  /** @default 'retry-after' */
  hint?: HintStyle;
  /**
   * What reset headers count down to: `next` = until a request like the last one fits again
   * (the tight, truthful wait); `full` = until the bucket is full (OpenAI's and Anthropic's
   * documented meaning, a conservative wait). A fixed window always reports the time to its
   * end. @default 'next'
   */
  resetMeaning?: 'next' | 'full';
  /** Send the style's rate-limit headers on successes too. @default false */
  headersOnSuccess?: boolean;
  /** @default 'openai' */
  errorStyle?: ErrorStyle;
  /** Time to "generate" an answer: fixed, or uniform in [min, max] (seeded). @default 0 */
  serviceTimeMs?: number | { min: number; max: number };
  faults?: FaultRates;
  outages?: OutageWindow[];
  /** A body containing this text is always refused with `poisonStatus`. @default 'STAUNCH_POISON' */
  poisonMarker?: string;
  /** @default 400 */
  poisonStatus?: number;
  /** Known models; another model gets "model not found" (503 in the gateway style). @default any model */
  models?: string[];
  /** Seed for faults and service times. @default 1 */
  seed?: number;
  /** Time for buckets, schedules, the timeline and `Date` headers. @default systemClock */
  clock?: Clock;
}

/** One answered request, for charting throughput over time. `status` 0 is a reset socket. */
export interface TimelineEntry {
  /** Milliseconds after the server started, on its clock, when the answer was decided. */
  readonly atMs: number;
  readonly status: number;
  /** The API key (Authorization or x-api-key) or `anonymous`. */
  readonly key: string;
  /** It passed the rate limit and was charged (successes, and faults injected after the limit). */
  readonly admitted: boolean;
  /** Estimated tokens charged (prompt chars / 4 + `max_tokens`); 0 unless admitted. */
  readonly tokens: number;
  /** The request's `x-request-id` (or `x-test-id`) header, when it sent one. */
  readonly requestId?: string;
}

export interface MockProviderStats {
  readonly arrivals: number;
  readonly successes: number;
  readonly rateLimited: number;
  /** Injected errors, resets and outage answers. */
  readonly faults: number;
  readonly poisoned: number;
  readonly byStatus: Readonly<Record<number, number>>;
  readonly timeline: readonly TimelineEntry[];
}

export interface MockProvider {
  /** `http://127.0.0.1:PORT`; the endpoint is `${url}/v1/chat/completions`. */
  readonly url: string;
  stats(): MockProviderStats;
  /** Arrivals carrying header `x-request-id` (or `x-test-id`) equal to `requestId`. */
  arrivals(requestId: string): number;
  /** Changes every key's limits now; a later scheduled step overrides it in turn. */
  setCapacity(limits: CapacityLimits): void;
  close(): Promise<void>;
}
