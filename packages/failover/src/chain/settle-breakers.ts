import type { CallResult } from '@staunch/core';
import type { BreakerCause, Permit } from '../breaker/breaker.js';
import type { TargetOutcome } from '../route-report.js';
import type { Verdict } from './move-on.js';
import type { Slot, Target } from './resolve-chain.js';

export interface Permits {
  readonly target: Permit;
  readonly slot: Permit;
}

/** Tells the target's and the key's breakers how the call ended there. */
export function settleBreakers<T>(
  target: Target,
  slot: Slot,
  permits: Permits,
  verdict: Verdict,
  result: CallResult<T>,
  wallNow: number,
  now: number,
): void {
  if (verdict.kind === 'served') {
    target.breaker.success(permits.target);
    slot.breaker.success(permits.slot);
    return;
  }
  if (verdict.kind === 'stop' || verdict.neutral || result.ok) {
    target.breaker.release(permits.target);
    slot.breaker.release(permits.slot);
    return;
  }
  const cause = causeOf(result);
  if (verdict.on === 'target') {
    target.breaker.failure(permits.target, cause);
    slot.breaker.release(permits.slot);
    return;
  }
  // The target answered; only this key is refused.
  target.breaker.success(permits.target);
  if (verdict.hold) {
    const retryAt = result.error.retryAt;
    slot.breaker.hold(permits.slot, cause, retryAt === undefined ? undefined : now + Math.max(0, retryAt - wallNow));
  } else {
    slot.breaker.failure(permits.slot, cause);
  }
}

export function causeOf<T>(result: Extract<CallResult<T>, { ok: false }>): BreakerCause {
  const { error } = result;
  return {
    reason: error.reason ?? 'unknown',
    status: error.status,
    hint: error.hint,
    retryAt: error.retryAt,
  };
}

/** One line of the route report for a call that ended at a target. */
export function outcomeOf<T>(target: Target, slot: Slot, result: CallResult<T>): TargetOutcome {
  if (result.ok)
    return {
      target: target.name,
      key: slot.index,
      attempts: result.attempts,
      outcome: 'served',
      status: result.status,
    };
  const { error } = result;
  return {
    target: target.name,
    key: slot.index,
    attempts: result.attempts,
    outcome: error.reason ?? 'unknown',
    status: error.status,
    hint: error.hint,
    code: error.code,
    retryAt: error.retryAt,
  };
}

/** A line for a target or key skipped because its breaker is open, with what opened it. */
export function skippedOutcome(target: Target, slot: Slot | undefined, cause: BreakerCause | undefined): TargetOutcome {
  return {
    target: target.name,
    key: slot?.index,
    attempts: 0,
    outcome: 'skipped',
    status: cause?.status,
    hint: cause?.hint,
    retryAt: cause?.retryAt,
  };
}
