import { isScouting, SCOUT_MS, type ScopeState, type ThrottleTuning } from './scope-state.js';
import type { ThrottleCost } from './throttle.js';
import { LEVEL_EPSILON, msUntilLevel, refillLevel } from './token-bucket.js';

/** `waitMs` when the attempt must wait for an in-flight attempt to be recorded (slow start). */
export const WAIT_FOR_RELEASE = -1;

/** `waitMs` is 0 when granted, a positive delay to try again after, or {@link WAIT_FOR_RELEASE}. */
export interface StepResult {
  readonly state: ScopeState;
  readonly waitMs: number;
}

/** Both levels refilled to `now`. */
export function refillScope(state: ScopeState, now: number): ScopeState {
  const elapsed = now - state.updatedAt;
  if (elapsed <= 0) return state;
  return {
    ...state,
    level: refillLevel(state.level, state.burst, state.rate, elapsed),
    tokenLevel: refillLevel(state.tokenLevel, state.tokenBurst, state.tokenRate, elapsed),
    updatedAt: now,
  };
}

/** One acquire decision (see scope-state.ts). A cost above a bucket's size is capped to it. */
export function acquireStep(state: ScopeState, now: number, cost: ThrottleCost, tuning: ThrottleTuning): StepResult {
  let s = refillScope(state, now);
  if (now < s.pausedUntil) return { state: s, waitMs: s.pausedUntil - now };
  if (isScouting(s, tuning)) {
    // The scout's answer opens the window (record-step.ts); past SCOUT_MS the scope stops waiting for it.
    const until = s.epochAt + SCOUT_MS;
    if (now < until && s.inflight >= s.window - LEVEL_EPSILON) return { state: s, waitMs: until - now };
    if (now >= until) s = { ...s, window: tuning.initialWindow };
  }
  // A window may be fractional (a learned cap widens by fractions): one more must fit under it.
  if (s.window > 0 && s.inflight + 1 > s.window + LEVEL_EPSILON) return { state: s, waitMs: WAIT_FOR_RELEASE };
  const need = s.rate > 0 ? Math.min(Math.max(0, cost.requests), s.burst) : 0;
  const needTokens = s.tokenRate > 0 ? Math.min(Math.max(0, cost.tokens), s.tokenBurst) : 0;
  const waitMs = Math.max(msUntilLevel(s.level, need, s.rate), msUntilLevel(s.tokenLevel, needTokens, s.tokenRate));
  if (waitMs > 0) return { state: s, waitMs };
  return {
    state: { ...s, level: s.level - need, tokenLevel: s.tokenLevel - needTokens, inflight: s.inflight + 1 },
    waitMs: 0,
  };
}
