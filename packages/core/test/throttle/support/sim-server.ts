import type { AttemptOutcome, Random, VirtualClock } from '../../../src/index.js';
import { headersFromRecord } from '../../../src/index.js';

/** How the simulated server tells a client about its limit. */
export type HintStyle = 'none' | 'retry-after' | 'openai';

export interface SimServerOptions {
  readonly clock: VirtualClock;
  readonly random: Random;
  /** Requests per second the server admits; a function of monotonic ms for stepped capacity. */
  readonly ratePerS: number | ((now: number) => number);
  readonly burst: number;
  readonly hint: HintStyle;
  /**
   * What `x-ratelimit-limit-requests` states: the rate per minute (OpenAI's meaning, with
   * `remaining` of the smaller real bucket), or the bucket's size with `remaining` out of it (a
   * server a per-minute preset misreads). @default 'per-minute'
   */
  readonly limitHeader?: 'per-minute' | 'bucket-size';
  /**
   * What `x-ratelimit-reset-requests` states: the time until the bucket is full (OpenAI's
   * meaning), or until the next request fits (0 while one does). @default 'full'
   */
  readonly resetMeaning?: 'full' | 'next';
  /** A fixed window instead of a bucket: rate × windowMs ÷ 1000 per window, cleared at each boundary. */
  readonly windowMs?: number;
  /** A concurrency cap instead of a bucket: 429 when this many admitted attempts are in flight. */
  readonly maxConcurrent?: number;
  /** Service time range, ms. @default [10, 30] */
  readonly serviceMs?: readonly [number, number];
  /** A fault status for this arrival (checked before the limit for outages, after it otherwise). */
  readonly outage?: (now: number) => boolean;
  readonly fault?: (request: number, random: Random) => number | undefined;
}

export interface SimServer {
  /** The attempt function for request number `request`. */
  attempt(request: number): () => Promise<AttemptOutcome<string>>;
  readonly arrivals: { readonly at: number; readonly request: number; readonly status: number }[];
}

const MS_PER_S = 1000;
const S_PER_MINUTE = 60;
/** How long a 429 takes to come back, ms. */
const REFUSAL_MS = 1;

/**
 * A tiny in-process rate-limited server on the virtual clock: a token bucket (burst, rate),
 * 429 with Retry-After seconds, no hint, or OpenAI-style headers plus `retry-after-ms`.
 */
export function simServer(options: SimServerOptions): SimServer {
  const { clock, random, burst } = options;
  const [minService, maxService] = options.serviceMs ?? [10, 30];
  const rateAt = (now: number): number =>
    typeof options.ratePerS === 'number' ? options.ratePerS : options.ratePerS(now);
  let tokens = burst;
  let admitted = 0;
  let windowIndex = -1;
  let windowUsed = 0;
  /** For a fixed window: ms to its end, or undefined while it has room. */
  const windowFull = (now: number): number | undefined => {
    const windowMs = options.windowMs as number;
    const index = Math.floor(now / windowMs);
    if (index !== windowIndex) [windowIndex, windowUsed] = [index, 0];
    if (windowUsed < Math.floor((rateAt(now) * windowMs) / MS_PER_S)) return undefined;
    return (index + 1) * windowMs - now;
  };
  let updatedAt = clock.now();
  const arrivals: { at: number; request: number; status: number }[] = [];

  const refill = (now: number): void => {
    tokens = Math.min(burst, tokens + (rateAt(now) * (now - updatedAt)) / MS_PER_S);
    updatedAt = now;
  };
  const resetTo = (full: number): number => (options.resetMeaning === 'next' ? Math.max(tokens, 1) : full);
  const limitHeaders = (now: number): Record<string, string> => {
    const rate = rateAt(now);
    return {
      'x-ratelimit-limit-requests': String(
        options.limitHeader === 'bucket-size' ? burst : Math.floor(rate * S_PER_MINUTE),
      ),
      'x-ratelimit-remaining-requests': String(Math.floor(tokens)),
      'x-ratelimit-reset-requests': `${Math.ceil(((resetTo(burst) - tokens) * MS_PER_S) / rate)}ms`,
    };
  };
  const decide = (request: number, now: number): { status: number; headers: Record<string, string> } => {
    if (options.outage?.(now)) return { status: 503, headers: {} };
    refill(now);
    const cap = options.maxConcurrent;
    const windowWait = options.windowMs === undefined ? undefined : windowFull(now);
    const refused =
      options.windowMs !== undefined ? windowWait !== undefined : cap !== undefined ? admitted >= cap : tokens < 1;
    if (refused) {
      const waitMs = windowWait ?? ((1 - tokens) * MS_PER_S) / rateAt(now);
      if (options.hint === 'retry-after')
        return { status: 429, headers: { 'retry-after': String(Math.ceil(waitMs / 1000)) } };
      if (options.hint === 'openai') {
        return { status: 429, headers: { ...limitHeaders(now), 'retry-after-ms': String(Math.ceil(waitMs)) } };
      }
      return { status: 429, headers: {} };
    }
    const fault = options.fault?.(request, random);
    if (fault !== undefined) return { status: fault, headers: {} };
    tokens -= 1;
    windowUsed += 1;
    return { status: 200, headers: options.hint === 'openai' ? limitHeaders(now) : {} };
  };

  return {
    arrivals,
    attempt: (request) => () => {
      const now = clock.now();
      const { status, headers } = decide(request, now);
      arrivals.push({ at: now, request, status });
      const drawn = minService + random() * (maxService - minService);
      // Refusals are decided before any generation, so they come back at once (as from the
      // mock provider and real APIs); the draw still happens, to keep one seed one sequence.
      const serviceMs = status === 429 ? REFUSAL_MS : drawn;
      if (status !== 429) admitted += 1;
      return new Promise((resolve) => {
        clock.setTimeout(() => {
          if (status !== 429) admitted -= 1;
          resolve({
            kind: 'response',
            status,
            headers: headersFromRecord(headers),
            value: String(status),
            readErrorBody: () => Promise.resolve(undefined),
          });
        }, serviceMs);
      });
    },
  };
}
