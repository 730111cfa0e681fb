import type { Reason } from '../policy/reason.js';
import { requireMs } from '../policy/validate.js';
import { type Clock, systemClock } from '../runtime/clock.js';
import { gateOptions, requireNumber } from './gate-options.js';
import type { GateAttempt, RetryGate } from './throttle.js';
import { WindowCount } from './window-count.js';

/** Options of {@link createRetryBudget}. Defaults are Finagle's `RetryBudget()`. */
export interface RetryBudgetOptions {
  /** Retries allowed per request in the window (0.2 = one per five requests), 0 to 1000. @default 0.2 */
  readonly ratio?: number;
  /** Retries allowed per second of the window whatever the traffic, for new and quiet clients. @default 10 */
  readonly minPerSecond?: number;
  /** The window: requests and retries older than this stop counting, ms, 1000 to 60000. @default 10000 */
  readonly ttlMs?: number;
  /** @default the system clock */
  readonly clock?: Clock;
}

/** A retry budget, with a read-only view for tests and metrics. */
export interface RetryBudget extends RetryGate {
  /** Whole retries the scope may make now. */
  balance(scope: string): number;
}

export const DEFAULT_BUDGET_RATIO = 0.2;
export const DEFAULT_BUDGET_MIN_PER_SECOND = 10;
export const DEFAULT_BUDGET_TTL_MS = 10_000;

const KNOWN = ['ratio', 'minPerSecond', 'ttlMs', 'clock'] as const;

interface Window {
  readonly requests: WindowCount;
  readonly retries: WindowCount;
}

/**
 * A Finagle-style retry budget, per scope: at the moment a retry is granted, the retries granted
 * in the last `ttlMs` (it included) never exceed `ratio × requests + minPerSecond × ttlMs / 1000`,
 * with requests counted over the same window. A request is a call's first attempt; when a gate
 * is driven without the engine's attempt context, every recorded attempt counts as one.
 */
export function createRetryBudget(options?: RetryBudgetOptions): RetryBudget {
  const o = gateOptions('retryBudget', options, KNOWN);
  const ratio = requireNumber(
    'retryBudget.ratio',
    o.ratio ?? DEFAULT_BUDGET_RATIO,
    { min: 0, max: 1000 },
    'Use e.g. 0.2 (one retry per five requests).',
  );
  const minPerSecond = requireNumber(
    'retryBudget.minPerSecond',
    o.minPerSecond ?? DEFAULT_BUDGET_MIN_PER_SECOND,
    { min: 0, max: 1e6 },
    'Use e.g. 10.',
  );
  const ttlMs = requireMs('retryBudget.ttlMs', o.ttlMs ?? DEFAULT_BUDGET_TTL_MS, 'Use e.g. 10000.', 1000, 60_000);
  const clock = (o.clock as Clock | undefined) ?? systemClock;
  const reserve = (minPerSecond * ttlMs) / 1000;
  const scopes = new Map<string, Window>();
  let sweptAt = clock.now();

  const windowOf = (scope: string): Window => {
    let window = scopes.get(scope);
    if (window === undefined) {
      window = { requests: new WindowCount(ttlMs), retries: new WindowCount(ttlMs) };
      scopes.set(scope, window);
    }
    return window;
  };
  /** Retries granted in the window, and how many it allows (fractional). */
  const state = (scope: string, now: number): { granted: number; limit: number } => {
    const window = scopes.get(scope);
    if (window === undefined) return { granted: 0, limit: reserve };
    return { granted: window.retries.total(now), limit: ratio * window.requests.total(now) + reserve };
  };
  // Once per window, forget scopes with nothing left in it, so idle scopes cost no memory.
  const sweep = (now: number): void => {
    if (now - sweptAt < ttlMs) return;
    sweptAt = now;
    for (const [scope, window] of scopes) {
      if (window.requests.total(now) === 0 && window.retries.total(now) === 0) scopes.delete(scope);
    }
  };

  return {
    tryRetry(scope: string, _reason?: Reason): boolean {
      const now = clock.now();
      sweep(now);
      const { granted, limit } = state(scope, now);
      if (granted + 1 > limit) return false;
      windowOf(scope).retries.add(now);
      return true;
    },
    record(scope: string, _succeeded: boolean, _reason?: Reason, attempt?: GateAttempt): void {
      if (attempt !== undefined && attempt.attempt > 1) return;
      const now = clock.now();
      sweep(now);
      windowOf(scope).requests.add(now);
    },
    balance(scope: string): number {
      const { granted, limit } = state(scope, clock.now());
      return Math.max(0, Math.floor(limit - granted));
    },
  };
}
