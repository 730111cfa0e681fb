import { refillScope } from './acquire-step.js';
import { applyHeaders, headerRatePerS, sizeByScout } from './apply-headers.js';
import { regrowBurst, shrinkBurst } from './burst-cap.js';
import { bucketEmpty, capSignal, widenCap } from './cap-signal.js';
import { cubicK, cubicRate } from './cubic.js';
import { epochRate, measuredRate, sampleSuccess } from './epoch-rate.js';
import { burstFor, CUBIC, isScouting, RAMP, type ScopeState, SLOW_START, type ThrottleTuning } from './scope-state.js';
import type { ThrottleFeedback } from './throttle.js';
import { LEVEL_EPSILON } from './token-bucket.js';
import { windowHold } from './window-hold.js';

const MS_PER_S = 1000;
/** An epoch shorter than this still measures over this long. */
const MIN_EPOCH_MS = 1;
/** AWS's guard: the rate grows to at most twice what actually succeeded this epoch. */
const GROWTH_OVER_MEASURED = 2;
/** One episode never cuts below half the rate (AIMD's worst case), however few succeeded. */
const MAX_CUT_SHARE = 0.5;
/**
 * The cut that ends a ramp keeps at least this share of the ramp's rate. The epoch's success
 * rate spans the whole ramp, mostly spent below the limit, so it understates it (simulated
 * 200 req/s: the ramp cut at ~300 req/s measured ~150, goodput 0.84; with this floor 0.97).
 */
const RAMP_CUT_SHARE = 0.7;
/** Successes between two 429s that measure a told pace well enough to trim it (record-step's trimTold). */
const TRIM_SUCCESSES = 10;
/** Successes a ramp's doubling needs before it measures afresh. */
const RAMP_MEASURE_SUCCESSES = 8;
/**
 * A 429 with a cap full that widened to a new slot less than this share of a slot ago is the
 * probe failing: the cap steps back. Later ones are rate signals (a cap that stepped back on
 * any 429 would ratchet a false cap on a rate-limited server down to one slot).
 */
const CAP_PROBE_SPAN = 0.25;
/**
 * CUBIC's curve is time-based: back at lastMax after K (1 s) and probing past it soon after, so
 * it spends a 429 every 2–3 s at any rate — 14 % of arrivals at 2 req/s, 4 % at 8 (simulated,
 * 40 s runs). Past lastMax its time axis is stretched so that a probe's climb spans at least
 * this many successes: probes then cost ≤ 2 % of arrivals at low rates. The climb back to
 * lastMax (the capacity measured at the cut) keeps CUBIC's own time, so a drain after a cut is
 * as fast as before, and nothing changes from 50 req/s up.
 */
const PROBE_SUCCESSES = 50;

/** One record decision (see scope-state.ts). Pure. */
export function recordStep(
  state: ScopeState,
  now: number,
  feedback: ThrottleFeedback,
  tuning: ThrottleTuning,
): ScopeState {
  const scouted = !feedback.cancelled && isScouting(state, tuning);
  const next = recordOutcome(state, now, feedback, tuning, scouted);
  return scouted ? sizeByScout(next, feedback.rateLimits) : next;
}

function recordOutcome(
  state: ScopeState,
  now: number,
  feedback: ThrottleFeedback,
  tuning: ThrottleTuning,
  scouted: boolean,
): ScopeState {
  const before = refillScope(state, now);
  const wasStale = before.stale > 0;
  const inflight = before.inflight;
  let s: ScopeState = { ...before, inflight: Math.max(0, before.inflight - 1), stale: Math.max(0, before.stale - 1) };
  if (feedback.cancelled) return s;
  // An answer ends scouting: the scout was the first of slow start's window, which the outcome
  // below completes (a success or a failure adds its request; a 429 starts the ramp); headers may
  // pace it at once, or size it (recordStep). The scout ran alone by the throttle's choice: it
  // says nothing of a cap.
  if (scouted) s = { ...s, window: tuning.initialWindow - 1 };
  const alongside = scouted ? 0 : inflight;
  s = applyHeaders(s, now, feedback.rateLimits, tuning);
  const requests = Math.max(0, feedback.cost.requests);
  if (feedback.reason === undefined) {
    s = sampleSuccess({ ...s, successes: s.successes + requests }, now, requests);
    if (s.phase === SLOW_START) return { ...s, window: s.window + requests, seen: Math.max(s.seen, alongside) };
    s = regrowBurst(widenCap(s, alongside), tuning);
    if (s.told) return s;
    return grow(wasStale && s.phase === RAMP ? restartRamp(s, now, tuning) : s, now, tuning);
  }
  if (feedback.reason === 'rate-limit') {
    const held = windowHold(s, now, feedback.retryAfterMs, tuning);
    if (held.hold) return held.state;
    s = held.state;
    const slots = Math.floor(s.window + LEVEL_EPSILON);
    if (s.phase !== SLOW_START && slots >= 2 && inflight >= slots && s.window - slots < CAP_PROBE_SPAN) {
      // Back a slot, outside the span: only the next crossing probes again (no ratchet). A cap
      // still widening as in slow start (set in the ramp) has found its top: CUBIC from here.
      const backed = { ...s, window: slots - 1 + CAP_PROBE_SPAN, seen: Math.min(s.seen, slots - 1), level: 0 };
      return s.phase === RAMP ? { ...backed, phase: CUBIC, lastMax: s.rate, epochAt: now, successes: 0 } : backed;
    }
    // More in flight than any success ever had: a cap on attempts in flight, not on their rate.
    const capAt = capSignal(s, inflight, feedback);
    if (s.phase !== SLOW_START && capAt > 0 && inflight > capAt && (s.window === 0 || s.window > capAt)) {
      return { ...s, window: capAt, level: 0 };
    }
    if (s.told) {
      const emptied = { ...s, level: 0, epochAt: now, successes: 0 };
      return wasStale ? emptied : shrinkBurst(trimTold(s, emptied, now, feedback, tuning));
    }
    if (s.phase === SLOW_START) return startRamp(s, now, tuning);
    return wasStale ? s : shrinkBurst(cut(s, now, tuning));
  }
  return s.phase === SLOW_START ? { ...s, window: s.window + requests } : s;
}

/**
 * A rate-limit 429 at a pace the headers told, whose own headers say the requests bucket is
 * empty: the pace overstates (a `remaining` is a whole count, so `(limit − remaining) ÷ reset`
 * errs high by up to one request per reset: simulated bucket of 10 at 20 req/s, told 22.2, a 429
 * every 500 ms once the bucket drained). Trim it to what the server granted since the last 429 —
 * its bucket empty at both ends — once that is {@link TRIM_SUCCESSES} successes or more (a
 * tenth's precision), by at most 1 − β per 429, so an epoch spent partly idle cannot cut deep,
 * and never below the pace this 429's own reading states (its `remaining` is an exact 0, no
 * floor: a bucket of 1 at 121 req/s whose 429s state 121 keeps 121, where trimming to the ~103
 * a burst of 1 lets millisecond timers reach cost 8 % of goodput). A 429 whose bucket reads
 * requests left is not that bucket's refusal (a concurrency cap, another limit): no trim.
 */
function trimTold(
  before: ScopeState,
  s: ScopeState,
  now: number,
  feedback: ThrottleFeedback,
  tuning: ThrottleTuning,
): ScopeState {
  if (!bucketEmpty(feedback) || before.successes < TRIM_SUCCESSES) return s;
  const granted = epochRate(before, now);
  const stated = feedback.rateLimits.reduce(
    (most, r) => (r.unit === 'requests' && r.remaining === 0 ? Math.max(most, headerRatePerS(r) ?? 0) : most),
    0,
  );
  const rate = Math.max(
    tuning.minRatePerS,
    tuning.beta * before.rate,
    Math.min(before.rate, Math.max(granted, stated)),
  );
  return rate === s.rate ? s : { ...s, rate, burst: burstFor(rate, tuning, s.burstCap), level: 0 };
}

/**
 * Slow start's first 429: the server's bucket is empty, and slow start's successes mostly
 * drained its burst, so they overstate its rate. Pace from a cautious guess (those successes
 * spread over a horizon) and double it until the next 429 gives a clean measurement.
 */
function startRamp(s: ScopeState, now: number, tuning: ThrottleTuning): ScopeState {
  const elapsed = Math.max(MIN_EPOCH_MS, now - s.epochAt) + tuning.rampHorizonMs;
  const rate = Math.max(tuning.minRatePerS, (s.successes * MS_PER_S) / elapsed);
  return { ...restart(s, now, rate, tuning), phase: RAMP, lastMax: rate };
}

/**
 * A late answer to slow start's volley while the ramp has begun: the volley's successes that
 * come back after the first 429 (the server admitted them before refusing the rest) raise the
 * ramp's start. Without this, a 429 that returns before any success starts the ramp at the
 * minimum rate, and the next grant waits seconds (simulated 120 req/s, burst 5: a 1.7 s stall).
 */
function restartRamp(s: ScopeState, now: number, tuning: ThrottleTuning): ScopeState {
  const guess = (s.successes * MS_PER_S) / (Math.max(MIN_EPOCH_MS, now - s.epochAt) + tuning.rampHorizonMs);
  if (guess <= s.lastMax) return s;
  return { ...s, rate: guess, burst: burstFor(guess, tuning, s.burstCap), lastMax: guess };
}

/**
 * A rate-limit 429: anchor lastMax to what actually succeeded since the last cut (the server's
 * bucket was empty then and is empty now, so that is its rate), between half the current rate
 * (70 % when the ramp ends) and the current rate; then back off by β and follow CUBIC.
 */
function cut(s: ScopeState, now: number, tuning: ThrottleTuning): ScopeState {
  const measured = measuredRate(s, now, s.lastMax);
  const floor = (s.phase === RAMP ? RAMP_CUT_SHARE : MAX_CUT_SHARE) * s.rate;
  const lastMax = Math.max(tuning.minRatePerS, Math.min(s.rate, Math.max(measured, floor)));
  const rate = Math.max(tuning.minRatePerS, tuning.beta * lastMax);
  return { ...restart(s, now, rate, tuning), phase: CUBIC, lastMax };
}

function restart(s: ScopeState, now: number, rate: number, tuning: ThrottleTuning): ScopeState {
  return {
    ...s,
    rate,
    burst: burstFor(rate, tuning, s.burstCap),
    level: 0,
    // Slow start's window ends; a learned concurrency cap stays.
    window: s.phase === SLOW_START ? 0 : s.window,
    epochAt: now,
    successes: 0,
    stale: s.inflight,
  };
}

/** CUBIC's time, ms, `sinceMs` after a cut from `lastMax` req/s: slower past K at low rates. */
export function probeTime(lastMax: number, sinceMs: number, tuning: ThrottleTuning): number {
  const kMs = cubicK(tuning) * MS_PER_S;
  if (sinceMs <= kMs) return sinceMs;
  const stretch = Math.max(1, PROBE_SUCCESSES / ((Math.max(tuning.minRatePerS, lastMax) * kMs) / MS_PER_S));
  return kMs + (sinceMs - kMs) / stretch;
}

/** A success while paced: ramp or CUBIC, no faster than the guard allows. */
function grow(s: ScopeState, now: number, tuning: ThrottleTuning): ScopeState {
  const since = now - s.epochAt;
  const curve =
    s.phase === RAMP
      ? s.lastMax * 2 ** (since / tuning.rampDoublingMs)
      : cubicRate(s.lastMax, probeTime(s.lastMax, since, tuning), tuning);
  const guard = Math.max(s.lastMax, GROWTH_OVER_MEASURED * measuredRate(s, now));
  const rate = Math.max(tuning.minRatePerS, Math.min(curve, guard));
  const burst = burstFor(rate, tuning, s.burstCap);
  const grown = { ...s, rate, burst, level: Math.min(s.level, burst) };
  // The ramp measures afresh each doubling once it has heard back enough: measured since its
  // start, an exponential ramp's success rate lags it (past three doublings, twice the average
  // is below the rate) and the guard would strangle it; over the last doubling it is what the
  // server grants now.
  return s.phase === RAMP && since >= tuning.rampDoublingMs && s.successes >= RAMP_MEASURE_SUCCESSES
    ? { ...grown, lastMax: rate, epochAt: now, successes: 0 }
    : grown;
}
