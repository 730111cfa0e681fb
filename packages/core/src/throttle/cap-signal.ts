// What a rate-limit 429 or a success says of a concurrency cap (record-step.ts decides with it).
import { RAMP, type ScopeState } from './scope-state.js';
import type { ThrottleFeedback } from './throttle.js';

/**
 * A full concurrency cap widens by one slot per CAP_GROWTH × cap successes, and no faster than one
 * per CAP_PROBE_SUCCESSES: each probe above the true cap costs one 429 (≤ 2 % of arrivals at any cap).
 */
const CAP_GROWTH = 16;
const CAP_PROBE_SUCCESSES = 64;

/** The 429's own headers say its requests bucket is empty: the refusal is that bucket's, not a cap's. */
export function bucketEmpty(feedback: ThrottleFeedback): boolean {
  return feedback.rateLimits.some((r) => r.unit === 'requests' && r.remaining === 0);
}

/**
 * The concurrency cap a rate-limit 429 points to, 0 for none: `seen` (the most in flight at a
 * success) when more were in flight; never when the 429's headers say the requests bucket is
 * empty (the bucket refused). When they say the told bucket has requests left, the refusal is
 * not the bucket's: at most the others in flight fit (a success counted with an attempt not yet
 * at the server overstates `seen`; simulated cap of 2 with the bucket's headers: `seen` 3, and a
 * 429 at every third attempt for the whole run).
 */
export function capSignal(s: ScopeState, inflight: number, feedback: ThrottleFeedback): number {
  if (bucketEmpty(feedback)) return 0;
  const roomy = s.told === 1 && feedback.rateLimits.some((r) => r.unit === 'requests' && (r.remaining ?? 0) >= 1);
  if (!roomy || inflight < 2) return s.seen;
  return s.seen > 0 ? Math.min(s.seen, inflight - 1) : inflight - 1;
}

/**
 * A success while a learned cap is full widens it a little; `seen` keeps the most in flight.
 * (Counted raw: discounting an attempt the server may be refusing meanwhile found caps sooner
 * at 20 ms of service, but set false ones on rate-limited servers with a burst of 1.)
 */
export function widenCap(s: ScopeState, inflight: number): ScopeState {
  const seen = Math.max(s.seen, inflight);
  if (s.window <= 0 || inflight + 1 <= s.window) return seen === s.seen ? s : { ...s, seen };
  if (s.phase === RAMP) return { ...s, seen, window: s.window + 1 };
  return { ...s, seen, window: s.window + 1 / Math.max(CAP_PROBE_SUCCESSES, CAP_GROWTH * s.window) };
}
