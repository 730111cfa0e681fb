import { AbortedError, type CallResult, DeadlineError } from '@staunch/core';
import { FailoverError } from '../failover-error.js';
import type { TargetOutcome } from '../route-report.js';
import { CHAIN_DEADLINE } from './chain-signal.js';

/** The call's end when the caller aborted or the chain's deadline ran out, keeping the last response. */
export function interrupted<T>(
  result: CallResult<T>,
  reason: unknown,
  attempts: number,
  elapsedMs: number,
): CallResult<T> {
  const base = result.ok ? { value: undefined, hasValue: false } : { value: result.value, hasValue: result.hasValue };
  const error =
    reason === CHAIN_DEADLINE
      ? new DeadlineError(`The chain's deadline ran out after ${attempts} attempt(s) across its targets.`, {
          attempts,
          elapsedMs,
        })
      : new AbortedError({ attempts, elapsedMs, cause: reason });
  return { ok: false, error, ...base, attempts, elapsedMs };
}

/** Every target failed or was skipped: one error lists each, and the last response is kept. */
export function allFailed<T>(
  outcomes: readonly TargetOutcome[],
  last: Extract<CallResult<T>, { ok: false }> | undefined,
  attempts: number,
  elapsedMs: number,
): CallResult<T> {
  const error = new FailoverError(outcomes, {
    attempts,
    elapsedMs,
    ...(last === undefined
      ? { reason: 'unknown' as const }
      : {
          provider: last.error.provider,
          reason: last.error.reason,
          status: last.error.status,
          hint: last.error.hint,
          code: last.error.code,
          retryAt: last.error.retryAt,
          cause: last.error,
        }),
  } as never);
  return { ok: false, error, value: last?.value, hasValue: last?.hasValue ?? false, attempts, elapsedMs };
}
