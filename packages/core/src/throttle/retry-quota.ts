import type { Reason } from '../policy/reason.js';
import { requireInteger } from '../policy/validate.js';
import { gateOptions } from './gate-options.js';
import type { GateAttempt, RetryGate } from './throttle.js';

/**
 * Options of {@link createRetryQuota}. The defaults are the AWS SDKs' classic "standard" mode
 * (smithy-typescript `packages/util-retry/src/constants.ts`); the 2026 retry behaviour is
 * `{ retryCost: 14, timeoutRetryCost: 14, throttlingRetryCost: 5 }`.
 */
export interface RetryQuotaOptions {
  /** Tokens a scope starts with, and the most it can hold. 0 disables retries. @default 500 */
  readonly capacity?: number;
  /** Tokens one retry takes. @default 5 */
  readonly retryCost?: number;
  /** Tokens one retry of a timeout or network error takes. @default 10 */
  readonly timeoutRetryCost?: number;
  /** Tokens one retry of a rate-limit failure takes. @default `retryCost` */
  readonly throttlingRetryCost?: number;
  /** Tokens a success on a call's first attempt puts back (up to `capacity`). @default 1 */
  readonly noRetryIncrement?: number;
}

/** A retry quota, with a read-only view for tests and metrics. */
export interface RetryQuota extends RetryGate {
  /** Tokens the scope holds now (`capacity` for a scope never charged). */
  available(scope: string): number;
}

export const DEFAULT_QUOTA_CAPACITY = 500;
export const DEFAULT_QUOTA_RETRY_COST = 5;
export const DEFAULT_QUOTA_TIMEOUT_RETRY_COST = 10;
export const DEFAULT_QUOTA_NO_RETRY_INCREMENT = 1;
const MAX_TOKENS = 1_000_000_000;

const KNOWN = ['capacity', 'retryCost', 'timeoutRetryCost', 'throttlingRetryCost', 'noRetryIncrement'] as const;

/**
 * The AWS SDKs' retry quota ("standard" retry mode), per scope: each retry takes its cost from
 * the scope's tokens and is refused when they cannot pay; a retry that succeeds gives its cost
 * back; a call that succeeds at once adds `noRetryIncrement`. A healthy client never runs dry,
 * while a failing dependency gets at most `capacity / retryCost` retries before calls fail fast.
 */
export function createRetryQuota(options?: RetryQuotaOptions): RetryQuota {
  const o = gateOptions('retryQuota', options, KNOWN);
  const tokens = (name: (typeof KNOWN)[number], fallback: number): number =>
    requireInteger(`retryQuota.${name}`, o[name] ?? fallback, 0, MAX_TOKENS, `Use e.g. ${fallback}.`);
  const capacity = tokens('capacity', DEFAULT_QUOTA_CAPACITY);
  const retryCost = tokens('retryCost', DEFAULT_QUOTA_RETRY_COST);
  const timeoutRetryCost = tokens('timeoutRetryCost', DEFAULT_QUOTA_TIMEOUT_RETRY_COST);
  const throttlingRetryCost = tokens('throttlingRetryCost', retryCost);
  const noRetryIncrement = tokens('noRetryIncrement', DEFAULT_QUOTA_NO_RETRY_INCREMENT);

  // The SEP prices a retry by what failed: timeouts and connection errors (transient) cost more
  // than a server's error response, throttling costs its own amount (less, in the 2026 mode).
  const costOf = (reason: Reason | undefined): number => {
    if (reason === 'timeout' || reason === 'network') return timeoutRetryCost;
    if (reason === 'rate-limit') return throttlingRetryCost;
    return retryCost;
  };
  // Only scopes below capacity are kept: a full scope is the same as one never seen.
  const spent = new Map<string, number>();
  const available = (scope: string): number => capacity - (spent.get(scope) ?? 0);
  const put = (scope: string, amount: number): void => {
    const left = Math.min(capacity, available(scope) + amount);
    if (left >= capacity) spent.delete(scope);
    else spent.set(scope, capacity - left);
  };

  return {
    tryRetry(scope: string, reason?: Reason): boolean {
      const cost = costOf(reason);
      if (available(scope) < cost) return false;
      put(scope, -cost);
      return true;
    },
    record(scope: string, succeeded: boolean, _reason?: Reason, attempt?: GateAttempt): void {
      if (!succeeded) return;
      const retried = attempt !== undefined && attempt.attempt > 1;
      put(scope, retried ? costOf(attempt.previousReason) : noRetryIncrement);
    },
    available,
  };
}
