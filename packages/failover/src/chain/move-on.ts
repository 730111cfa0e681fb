import {
  type CallResult,
  isAbortedError,
  isDeadlineError,
  isQueueFullError,
  isRetryAfterTooLongError,
  type Reason,
} from '@staunch/core';

/** What the chain does after a call ended at one target. */
export type Verdict =
  | { readonly kind: 'served' }
  /** The outcome belongs to the request, or the caller stopped: the call ends here. */
  | { readonly kind: 'stop' }
  | {
      readonly kind: 'next';
      /** Whose fault: one key's (its quota, auth, wait) or the target's (an outage, a missing model). */
      readonly on: 'key' | 'target';
      /** Hold the breaker open for minutes (quota, credit, auth) instead of counting a failure. */
      readonly hold: boolean;
      /** Count nothing on any breaker (a rate limit: the throttle paces it; a full throttle queue). */
      readonly neutral: boolean;
    };

/** Outcomes that belong to the target: waiting or resending cannot help here, another target can. */
const TARGET_OWNED: ReadonlySet<Reason> = new Set<Reason>([
  'rate-limit',
  'quota',
  'billing',
  'auth',
  'permission',
  'model-not-found',
  'overloaded',
  'server-error',
  'gateway-timeout',
  'timeout',
  'network',
  'unknown',
]);
/** Of those, the ones that belong to one key rather than to the whole target. */
const KEY_OWNED: ReadonlySet<Reason> = new Set<Reason>(['rate-limit', 'quota', 'billing', 'auth', 'permission']);
const HELD: ReadonlySet<Reason> = new Set<Reason>(['quota', 'billing', 'auth', 'permission']);

/** The chain's reading of a call's end at one target; the policy's `failover` flag overrides the default. */
export function verdictOf<T>(result: CallResult<T>, chainStopped: boolean): Verdict {
  if (result.ok) return { kind: 'served' };
  const { error } = result;
  if (chainStopped || isAbortedError(error)) return { kind: 'stop' };
  if (isRetryAfterTooLongError(error)) return { kind: 'next', on: 'key', hold: true, neutral: false };
  if (isQueueFullError(error)) return { kind: 'next', on: 'key', hold: false, neutral: true };
  const rule = result.rule;
  if (rule === undefined) {
    // The target's own deadline ran out between attempts: like a timeout, the target's.
    return isDeadlineError(error) ? { kind: 'next', on: 'target', hold: false, neutral: false } : { kind: 'stop' };
  }
  if (!(rule.failover ?? TARGET_OWNED.has(rule.reason))) return { kind: 'stop' };
  if (!TARGET_OWNED.has(rule.reason)) return { kind: 'next', on: 'target', hold: false, neutral: true };
  return {
    kind: 'next',
    on: KEY_OWNED.has(rule.reason) ? 'key' : 'target',
    hold: HELD.has(rule.reason),
    neutral: rule.reason === 'rate-limit',
  };
}
