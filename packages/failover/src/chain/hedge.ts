import type { Clock } from '@staunch/core';

/** Opt-in hedging: after `delayMs` without an answer, one extra attempt at the next healthy target. */
export interface HedgeOptions {
  /** How long the first target may take before the hedge goes out, in ms. */
  readonly delayMs: number;
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
