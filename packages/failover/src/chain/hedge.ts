import type { Clock } from '@staunch/core';

/** Opt-in hedging: after `delayMs` without an answer, one extra attempt at the next healthy target. */
export interface HedgeOptions {
  /**
   * How long the first target may take before the hedge goes out, in ms; or `'p95'`: the 95th
   * percentile of that target's recent answers (the last 256), once it has 20 of them — until
   * then its calls are not hedged.
   */
  readonly delayMs: number | 'p95';
  /** Hedges as a share of calls, at most (a token bucket refilled by each call). @default 0.1 */
  readonly maxExtra?: number;
}

/**
 * At most this many hedges saved up, and the reserve a router starts with: slow answers come in
 * clusters, and a bucket that starts empty leaves the first ones unhedged.
 */
const MAX_SAVED_HEDGES = 10;

/**
 * The hedge budget: each call adds `ratio` of a token, a hedge takes one, the bucket holds at most
 * 10 (Finagle's retry budget — a percentage of requests plus a small reserve — applied to hedges).
 */
export class HedgeBudget {
  #tokens = MAX_SAVED_HEDGES;

  constructor(readonly ratio: number) {}

  call(): void {
    this.#tokens = Math.min(MAX_SAVED_HEDGES, this.#tokens + this.ratio);
  }

  take(): boolean {
    // A tenth added ten times is 0.999…: allow for the rounding.
    if (this.#tokens < 1 - 1e-9) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Answers a target's p95 needs before it sets a hedge's delay. */
export const P95_MIN_SAMPLES = 20;
const LATENCY_SAMPLES = 256;

/**
 * A target's recent leg durations, for a hedge delayed by its p95. A leg that lost to a hedge
 * is counted at its duration when aborted: it would have taken at least that, and leaving it out
 * would hide the slow answers hedging cuts short, so the p95 would fall and hedges grow.
 */
export class LatencyWindow {
  readonly #samples: number[] = [];
  #next = 0;

  add(ms: number): void {
    if (this.#samples.length < LATENCY_SAMPLES) this.#samples.push(ms);
    else this.#samples[this.#next] = ms;
    this.#next = (this.#next + 1) % LATENCY_SAMPLES;
  }

  /** The 95th percentile (nearest rank), or `undefined` with fewer than {@link P95_MIN_SAMPLES} samples. */
  p95(): number | undefined {
    if (this.#samples.length < P95_MIN_SAMPLES) return undefined;
    const sorted = [...this.#samples].sort((a, b) => a - b);
    return sorted[Math.ceil(0.95 * sorted.length) - 1];
  }
}

/** The hedge's delay for a call at `latency`'s target: the fixed one, or its p95 once known. */
export function hedgeDelay(delayMs: number | 'p95', latency: LatencyWindow): number | undefined {
  return delayMs === 'p95' ? latency.p95() : delayMs;
}

/** The reason a losing leg is aborted with. */
export const HEDGE_LOST = Symbol('staunch.failover.hedge-lost');

/** True once `ms` pass, false if `settled` settles first or the signal aborts. */
export function delayUnlessSettled(
  clock: Clock,
  ms: number,
  settled: Promise<unknown>,
  signal: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (fired: boolean) => {
      if (done) return;
      done = true;
      clock.clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(fired);
    };
    const onAbort = () => finish(false);
    const timer = clock.setTimeout(() => finish(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
    settled.then(
      () => finish(false),
      () => finish(false),
    );
  });
}
