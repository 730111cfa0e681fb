import type { RateLimitReading } from '../retry-after/rate-limit-headers.js';
import { epochRate } from './epoch-rate.js';
import { burstFor, CUBIC, type ScopeState, SLOW_START, type ThrottleTuning } from './scope-state.js';
import { LEVEL_EPSILON } from './token-bucket.js';

const MS_PER_S = 1000;
/** The token bucket holds one second's worth of the header rate. */
const TOKEN_BURST_S = 1;
/**
 * A declared window this long or longer states a quota (Groq's requests per day, a monthly
 * budget), not a pace: it never sets the rate, and holds the scope only once it is spent.
 */
export const QUOTA_WINDOW_S = 3600;
/**
 * What the server granted counts against a header pace only over an epoch this long: a
 * shorter one is mostly the server's burst and overstates its rate.
 */
const GRANTED_EPOCH_MS = 1000;

/** True when the reading's declared window is a quota (an hour or more), not a pace. */
export function isQuotaReading(reading: RateLimitReading): boolean {
  return reading.windowSeconds !== undefined && reading.windowSeconds >= QUOTA_WINDOW_S;
}

/** A bucket that reads at least this share of its limit left is not binding at the pace stated. */
const HEADROOM_SHARE = 0.2;
/** … and at least this many requests left beyond those in flight. */
const HEADROOM_MIN = 2;

/**
 * The refill rate a reading states, per second, or `undefined` when it cannot tell. One answer
 * can state it twice: `limit ÷ windowSeconds` where the preset declares a window (OpenAI,
 * Anthropic: per minute), and `(limit − remaining) ÷ reset` (a bucket full again at `reset`).
 * They disagree when a server's `limit` is not what the preset says it is: the bucket's size
 * rather than a per-window count (the window reading then understates the rate), or a
 * per-window count beside a `remaining` of a smaller bucket (the reset reading overstates it).
 * `remaining` tells which: a bucket that reads at least a fifth full, beyond what is in flight,
 * is not binding at the smaller pace, so the larger one is what the server grants; otherwise
 * the smaller, conservative one holds (the throttle never paces below what the server granted
 * over the last second without a 429, see `requestReading`). A window pace alone, beside room to
 * spare, states nothing: the learner measures instead. Quota windows (an hour or more) state
 * no pace.
 */
export function headerRatePerS(reading: RateLimitReading, inflight = 0): number | undefined {
  return headerPace(reading, inflight)?.rate;
}

/** A reading's pace; `firm` is false where its two statements disagree and neither wins. */
export interface HeaderPace {
  readonly rate: number;
  readonly firm: boolean;
}

/** Readings within this factor of each other agree (a reset rounded to whole seconds, a floor). */
const AGREE_FACTOR = 2;

export function headerPace(reading: RateLimitReading, inflight = 0): HeaderPace | undefined {
  const { limit, remaining, resetMs, windowSeconds } = reading;
  if (isQuotaReading(reading)) return undefined;
  const byWindow =
    limit !== undefined && limit > 0 && windowSeconds !== undefined && windowSeconds > 0
      ? limit / windowSeconds
      : undefined;
  const byReset =
    limit !== undefined && remaining !== undefined && resetMs !== undefined && resetMs > 0 && limit > remaining
      ? ((limit - remaining) * MS_PER_S) / resetMs
      : undefined;
  if (byWindow === undefined) return byReset === undefined ? undefined : { rate: byReset, firm: true };
  const spare = (remaining ?? 0) - inflight;
  const headroom = remaining !== undefined && spare >= HEADROOM_MIN && spare >= HEADROOM_SHARE * (limit ?? 0);
  // A count over a window longer than a second, with no reset to say when it refills, states a
  // long-run average at best (a concurrency cap's slots read as per minute starved to 0.05 req/s):
  // `remaining` still caps the bucket, and the learner measures the pace. Over a second, the
  // count is the pace.
  if (byReset === undefined) return (windowSeconds ?? 0) > 1 ? undefined : { rate: byWindow, firm: true };
  if (headroom) return { rate: Math.max(byWindow, byReset), firm: true };
  const low = Math.min(byWindow, byReset);
  return { rate: low, firm: Math.max(byWindow, byReset) <= AGREE_FACTOR * low };
}

/**
 * Paces from rate-limit headers, so that 429s mostly never happen: a stated rate replaces the
 * learned one (never below what the server granted this epoch without a 429), `remaining`
 * caps the local level (less what is already in flight), and an exhausted bucket with no
 * usable rate — or a spent quota — holds the whole scope until its reset (a precise,
 * scope-wide hint, unlike `Retry-After`, which the engine applies to one request).
 */
export function applyHeaders(
  state: ScopeState,
  now: number,
  readings: readonly RateLimitReading[],
  tuning: ThrottleTuning,
): ScopeState {
  let s = state;
  for (const reading of readings) {
    if (isQuotaReading(reading)) {
      s = quotaReading(s, now, reading, tuning);
      continue;
    }
    const pace = headerPace(reading, s.inflight);
    if (reading.remaining === 0 && pace === undefined && reading.resetMs !== undefined) {
      s = { ...s, pausedUntil: Math.max(s.pausedUntil, now + Math.min(reading.resetMs, tuning.maxPauseMs)) };
    }
    // Statements that disagree, with no room to tell them apart, keep a pace already told.
    const told = reading.unit === 'requests' ? s.told === 1 : s.tokenRate > 0;
    const rate = pace === undefined || (!pace.firm && told) ? undefined : pace.rate;
    s = reading.unit === 'requests' ? requestReading(s, now, reading, rate, tuning) : tokenReading(s, reading, rate);
  }
  return s;
}

/**
 * A scouting scope's answer sizes slow start when its headers state no pace: at most as many
 * attempts in flight as its requests reading has `remaining` (at least one). A window so sized
 * stays below the initial one, so the scope scouts on (isScouting) and each answer of its first
 * second sizes it afresh. A server whose reset means "until the next request fits" states
 * `limit 1200` a minute, `remaining 4`, `0s`: no pace, and slow start's blind window of 8 met
 * 3–6 429s in the first second before an empty bucket's reading set the pace; sized, none. A
 * concurrency cap's `remaining` (free slots) keeps that second below the cap.
 */
export function sizeByScout(s: ScopeState, readings: readonly RateLimitReading[]): ScopeState {
  if (s.phase !== SLOW_START || s.told === 1 || s.rate > 0) return s;
  let room = Number.POSITIVE_INFINITY;
  for (const r of readings) {
    if (r.unit === 'requests' && r.remaining !== undefined && !isQuotaReading(r)) room = Math.min(room, r.remaining);
  }
  return room < s.window ? { ...s, window: Math.max(1, room) } : s;
}

/** A quota holds the scope only once spent, until it resets (at most `maxPauseMs` at a time). */
function quotaReading(s: ScopeState, now: number, reading: RateLimitReading, tuning: ThrottleTuning): ScopeState {
  if (reading.remaining !== 0 || reading.resetMs === undefined) return s;
  return { ...s, pausedUntil: Math.max(s.pausedUntil, now + Math.min(reading.resetMs, tuning.maxPauseMs)) };
}

function requestReading(
  state: ScopeState,
  now: number,
  reading: RateLimitReading,
  stated: number | undefined,
  tuning: ThrottleTuning,
): ScopeState {
  let s = state;
  if (stated !== undefined) {
    const granted = now - s.epochAt >= GRANTED_EPOCH_MS ? epochRate(s, now) : 0;
    const rate = Math.max(stated, granted);
    const burst = burstFor(rate, tuning, s.burstCap);
    const level = s.rate > 0 ? Math.min(s.level, burst) : burst;
    s = { ...s, rate, burst, level, lastMax: rate, window: 0, phase: CUBIC, told: 1 };
  }
  if (s.rate > 0 && reading.remaining !== undefined) {
    // Whole requests the server says are not there go; the share of the next one accrued since
    // the last grant stays. The reading is as old as the answer's service time, and zeroing the
    // level at every answer spaced grants wider than the pace.
    const accrued = Math.max(0, s.level - Math.floor(s.level + LEVEL_EPSILON));
    s = { ...s, level: Math.min(s.level, Math.max(0, reading.remaining - s.inflight) + accrued) };
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
