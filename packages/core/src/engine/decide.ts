import { backoffDelay } from '../backoff/backoff.js';
import type { Reason } from '../policy/reason.js';
import type { Policy, Rule } from '../policy/types.js';
import type { ServerWait, WaitSource } from '../retry-after/server-wait.js';
import type { Random } from '../runtime/random.js';

/** What to do after a failed attempt. Pure: no clock reads, no I/O. */
export type Decision =
  | { readonly kind: 'retry'; readonly delayMs: number; readonly source: WaitSource | 'backoff' }
  | { readonly kind: 'fail' }
  | { readonly kind: 'exhausted'; readonly why: string }
  | { readonly kind: 'deadline'; readonly why: string }
  | { readonly kind: 'wait-too-long'; readonly waitMs: number; readonly why: string };

export interface DecideInput {
  readonly policy: Policy;
  readonly rule: Rule;
  /** Attempts made so far, including the one that just failed. */
  readonly attempts: number;
  readonly replayable: boolean;
  readonly serverWait: ServerWait | undefined;
  /** Milliseconds left before the deadline (Infinity without one). */
  readonly remainingMs: number;
  readonly previousDelayMs: number;
  readonly random: Random;
}

/** An attempt needs some time to be worth starting; a shorter remainder ends the call. */
export const MIN_ATTEMPT_BUDGET_MS = 50;
/** Positive jitter above a server's wait spreads synchronised retries: at most 20 %, ≤ 1 s. */
const HINT_JITTER_SHARE = 0.2;
const HINT_JITTER_MAX_MS = 1000;
const HINT_JITTER_MIN_MS = 10;

export function decide(input: DecideInput): Decision {
  const { policy, rule, attempts } = input;
  if (rule.action === 'fail') return { kind: 'fail' };
  if (attempts >= rule.maxAttempts) {
    return { kind: 'exhausted', why: `${attempts} of ${rule.maxAttempts} allowed attempts made` };
  }
  if (!input.replayable) return { kind: 'exhausted', why: 'the request body cannot be replayed, so it was sent once' };
  // Checked before any wait: with no whole millisecond to sleep, a delay clamped to the budget
  // would be 0 and the call would resend at once, again and again, until maxAttempts.
  const budget = Math.floor(input.remainingMs - MIN_ATTEMPT_BUDGET_MS);
  if (budget <= 0) return { kind: 'deadline', why: 'too little time is left before the deadline for another attempt' };
  const wait = rule.honorRetryAfter ? input.serverWait : undefined;
  if (wait !== undefined) return decideServerWait(wait, policy, input);
  const delayMs = backoffDelay(rule.backoff, attempts - 1, input.random, input.previousDelayMs);
  return { kind: 'retry', delayMs: Math.min(delayMs, budget), source: 'backoff' };
}

function decideServerWait(wait: ServerWait, policy: Policy, input: DecideInput): Decision {
  if (wait.delayMs > policy.maxRetryAfterMs) {
    return {
      kind: 'wait-too-long',
      waitMs: wait.delayMs,
      why: `the server asked to wait ${wait.delayMs} ms (${wait.source}), more than maxRetryAfterMs (${policy.maxRetryAfterMs} ms)`,
    };
  }
  if (wait.delayMs + MIN_ATTEMPT_BUDGET_MS > input.remainingMs) {
    return {
      kind: 'wait-too-long',
      waitMs: wait.delayMs,
      why: `the server asked to wait ${wait.delayMs} ms (${wait.source}), past the call's deadline`,
    };
  }
  const spread = Math.min(HINT_JITTER_MAX_MS, Math.max(HINT_JITTER_MIN_MS, wait.delayMs * HINT_JITTER_SHARE));
  const ceiling = Math.min(input.remainingMs - MIN_ATTEMPT_BUDGET_MS, Math.max(wait.delayMs, policy.maxRetryAfterMs));
  const delayMs = Math.floor(Math.min(ceiling, wait.delayMs + clampUnit(input.random()) * spread));
  return { kind: 'retry', delayMs: Math.max(wait.delayMs, delayMs), source: wait.source };
}

function clampUnit(value: number): number {
  return value >= 0 && value < 1 ? value : 0;
}

/** Text for a reason, used in error messages. */
export function describe(reason: Reason, status: number | undefined): string {
  return status === undefined ? reason : `HTTP ${status} (${reason})`;
}
