import type { AdaptiveThrottle, Throttle } from '@staunch/core';

/** While slow start's window is full, the next slot frees in about one round trip; rank it behind a free one. */
const WINDOW_FULL_MS = 50;

/**
 * How long the throttle would hold the next attempt on `scope`, estimated from its learned state
 * (the request bucket's rate and level, a server pause, slow start's window, its queue): the
 * chain sends a call where this is least. 0 for a scope the throttle has not seen, or a throttle
 * it cannot read (Redis): the router's own in-flight counts then decide.
 */
export function waitEstimateMs(throttle: Throttle, scope: string, now: number): number {
  if (!isInspectable(throttle)) return 0;
  const state = throttle.inspect(scope);
  if (state === undefined) return 0;
  const paused = state.pausedUntil > now ? state.pausedUntil - now : 0;
  let wait = 0;
  if (state.rate > 0) {
    const level = Math.min(state.burst, state.level + (state.rate * Math.max(0, now - state.updatedAt)) / 1000);
    const queued = throttle.queued(scope);
    wait = (Math.max(0, 1 - level + queued) / state.rate) * 1000;
  } else if (state.window > 0 && state.inflight >= state.window) {
    wait = WINDOW_FULL_MS * (1 + throttle.queued(scope) / state.window);
  }
  return Math.max(paused, wait);
}

function isInspectable(throttle: Throttle): throttle is AdaptiveThrottle {
  const candidate = throttle as Partial<AdaptiveThrottle>;
  return typeof candidate.inspect === 'function' && typeof candidate.queued === 'function';
}
