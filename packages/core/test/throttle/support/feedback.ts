import type { RateLimitReading, Reason, ScopeState, ThrottleFeedback } from '../../../src/index.js';
import { initialScopeState } from '../../../src/index.js';

/** Feedback for one attempt of one request. */
export function feedback(
  reason: Reason | undefined,
  options: { rateLimits?: RateLimitReading[]; retryAfterMs?: number; cancelled?: boolean } = {},
): ThrottleFeedback {
  return {
    cost: { requests: 1, tokens: 0 },
    reason,
    status: reason === undefined ? 200 : reason === 'rate-limit' || reason === 'quota' ? 429 : 503,
    retryAfterMs: options.retryAfterMs,
    rateLimits: options.rateLimits ?? [],
    cancelled: options.cancelled ?? false,
  };
}

/** A scope paced at a fixed, header-given rate: learning leaves it alone. */
export function pacedState(ratePerS: number, burst: number, now = 0): ScopeState {
  return { ...initialScopeState(now), rate: ratePerS, burst, level: burst, window: 0, phase: 2, told: 1 };
}

/** A scope in CUBIC after a cut from `lastMax` at `now`. */
export function learnedState(lastMax: number, now = 0): ScopeState {
  return {
    ...initialScopeState(now),
    rate: 0.9 * lastMax,
    burst: 1,
    level: 1,
    window: 0,
    phase: 2,
    lastMax,
    epochAt: now,
  };
}
