import { DeadlineError } from '../errors/deadline-error.js';
import { HttpError } from '../errors/http-error.js';
import { RetriesExhaustedError } from '../errors/retries-exhausted-error.js';
import { RetryAfterTooLongError } from '../errors/retry-after-too-long-error.js';
import type { StaunchError, StaunchErrorContext } from '../errors/staunch-error.js';
import type { Policy, Rule } from '../policy/types.js';
import type { Decision } from './decide.js';

/** A classified failed attempt. */
export interface Failure {
  readonly rule: Rule;
  readonly status: number | undefined;
  readonly codes: readonly string[];
  readonly message: string | undefined;
  /** A wait the error body asked for, in ms. */
  readonly waitMs: number | undefined;
  readonly cause: unknown;
}

interface Context {
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly policy: Policy;
  readonly wallNow: number;
}

/** The typed error for a final failure; its message says what happened and what to do. */
export function failureError(
  failure: Failure,
  decision: Exclude<Decision, { kind: 'retry' }>,
  context: Context,
): StaunchError {
  const { rule, status } = failure;
  const base: StaunchErrorContext = {
    attempts: context.attempts,
    elapsedMs: context.elapsedMs,
    provider: context.policy.name,
    reason: rule.reason,
    ...(status === undefined ? {} : { status }),
    ...(rule.hint === undefined ? {} : { hint: rule.hint }),
    ...(failure.codes[0] === undefined ? {} : { code: failure.codes[0] }),
    ...(failure.message === undefined ? {} : { providerMessage: failure.message }),
    ...(failure.cause === undefined ? {} : { cause: failure.cause }),
  };
  const what =
    status === undefined
      ? `${rule.reason} error`
      : `HTTP ${status}${failure.codes[0] ? ` ${failure.codes[0]}` : ''} (${rule.reason})`;
  const said = failure.message === undefined ? '' : ` Provider said: "${failure.message}".`;
  const hint = rule.hint === undefined ? '' : ` ${rule.hint}`;
  switch (decision.kind) {
    case 'fail':
      return status === undefined
        ? new RetriesExhaustedError(`${context.policy.name}: ${what}; the policy does not retry it.${hint}`, base)
        : new HttpError(`${context.policy.name}: ${what}; failing fast, retrying cannot help.${said}${hint}`, {
            ...base,
            status,
          });
    case 'wait-too-long': {
      const retryAt = context.wallNow + decision.waitMs;
      return new RetryAfterTooLongError(
        `${context.policy.name}: ${what}; ${decision.why}. Retry after ${new Date(Math.min(retryAt, 8.64e15)).toISOString()}.${said}${hint}`,
        { ...base, retryAt },
      );
    }
    case 'deadline':
      return new DeadlineError(`${context.policy.name}: ${what}; gave up: ${decision.why}.${said}${hint}`, base);
    default:
      return new RetriesExhaustedError(
        `${context.policy.name}: ${what}; gave up: ${decision.why}.${said}${hint}`,
        base,
      );
  }
}
