import type { RateLimitReading } from '../retry-after/rate-limit-headers.js';
import { burstFor, CUBIC, type ScopeState, type ThrottleTuning } from './scope-state.js';

const MS_PER_S = 1000;
/** The token bucket holds one second's worth of the header rate. */
const TOKEN_BURST_S = 1;

/**
 * The refill rate a reading states, per second: `limit ÷ windowSeconds` where the preset
 * declares the window (OpenAI, Anthropic: per minute), else `(limit − remaining) ÷ reset`
 * (a bucket refilling to full by `reset`). `undefined` when the reading cannot tell.
 */
export function headerRatePerS(reading: RateLimitReading): number | undefined {
  const { limit, remaining, resetMs, windowSeconds } = reading;
  if (limit !== undefined && limit > 0 && windowSeconds !== undefined && windowSeconds > 0) {
    return limit / windowSeconds;
  }
  if (limit === undefined || remaining === undefined || resetMs === undefined) return undefined;
  if (resetMs <= 0 || limit <= remaining) return undefined;
  return ((limit - remaining) * MS_PER_S) / resetMs;
}

/**
 * Paces from rate-limit headers, so that 429s mostly never happen: a stated rate replaces the
 * learned one, `remaining` caps the local level (less what is already in flight), and an
 * exhausted bucket with no usable rate holds the whole scope until its reset (a precise,
 * scope-wide hint — unlike `Retry-After`, which the engine applies to one request).
 */
export function applyHeaders(
  state: ScopeState,
  now: number,
  readings: readonly RateLimitReading[],
  tuning: ThrottleTuning,
): ScopeState {
  let s = state;
  for (const reading of readings) {
    const rate = headerRatePerS(reading);
    if (reading.remaining === 0 && rate === undefined && reading.resetMs !== undefined) {
      s = { ...s, pausedUntil: Math.max(s.pausedUntil, now + Math.min(reading.resetMs, tuning.maxPauseMs)) };
    }
    s = reading.unit === 'requests' ? requestReading(s, reading, rate, tuning) : tokenReading(s, reading, rate);
  }
  return s;
}

function requestReading(
  state: ScopeState,
  reading: RateLimitReading,
  rate: number | undefined,
  tuning: ThrottleTuning,
): ScopeState {
  let s = state;
  if (rate !== undefined) {
    const burst = burstFor(rate, tuning);
    const level = s.rate > 0 ? Math.min(s.level, burst) : burst;
    s = { ...s, rate, burst, level, lastMax: rate, window: 0, phase: CUBIC, told: 1 };
  }
  if (s.rate > 0 && reading.remaining !== undefined) {
    s = { ...s, level: Math.min(s.level, Math.max(0, reading.remaining - s.inflight)) };
  }
  return s;
}

function tokenReading(state: ScopeState, reading: RateLimitReading, rate: number | undefined): ScopeState {
  let s = state;
  if (rate !== undefined) {
    const tokenBurst = Math.max(1, rate * TOKEN_BURST_S);
    const tokenLevel = s.tokenRate > 0 ? Math.min(s.tokenLevel, tokenBurst) : tokenBurst;
    s = { ...s, tokenRate: rate, tokenBurst, tokenLevel };
  }
  if (s.tokenRate > 0 && reading.remaining !== undefined) {
    s = { ...s, tokenLevel: Math.min(s.tokenLevel, Math.max(0, reading.remaining)) };
  }
  return s;
}
