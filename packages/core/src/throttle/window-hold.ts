import type { ScopeState, ThrottleTuning } from './scope-state.js';

/**
 * A server wait this long or longer, stated by two 429s for the same instant, is a window's
 * boundary (a fixed per-window count: every refusal until the boundary names it). Shorter waits
 * are a token bucket's whole-second rounding ("1" when a token is back in 20 ms), which must
 * never hold the scope (measured: S1 0.71 when it did).
 */
export const HOLD_MIN_MS = 2000;
/** Two stated instants agree within this: `Retry-After` is whole seconds, rounded up. */
const AGREE_MS = 1000;

/**
 * A rate-limit 429's server wait, checked against the last one's: when both name the same
 * boundary, the scope holds until it (at most `maxPauseMs`) and is not cut — the window's count
 * was spent, not its rate exceeded (simulated 5 s windows at 25 req/s: each boundary's 429s cut
 * the rate to the minimum, and 188 requests took 125 s). Returns `undefined` when it is no hold;
 * `claimAt` then records this 429's instant.
 */
export function windowHold(
  s: ScopeState,
  now: number,
  retryAfterMs: number | undefined,
  tuning: ThrottleTuning,
): { readonly state: ScopeState; readonly hold: boolean } {
  if (retryAfterMs === undefined || retryAfterMs < HOLD_MIN_MS) return { state: s, hold: false };
  const at = now + retryAfterMs;
  const agrees = s.claimAt > now && Math.abs(at - s.claimAt) <= AGREE_MS;
  if (!agrees) return { state: { ...s, claimAt: at }, hold: false };
  const until = Math.min(at, s.claimAt, now + tuning.maxPauseMs);
  return { state: { ...s, claimAt: at, pausedUntil: Math.max(s.pausedUntil, until), level: 0 }, hold: true };
}
