/**
 * The adaptive throttle's state for one scope: a small plain record of numbers, and pure
 * transitions over it, so the in-memory throttle and the Redis script (one atomic Lua call per
 * decision) behave the same. Units: times are monotonic milliseconds, rates are per second,
 * levels and bursts are requests (or estimated tokens for the `token…` fields). 0 means "off"
 * for `rate`, `window`, `tokenRate` and `pausedUntil`.
 *
 * State
 *   rate, burst, level         request bucket: `level` refills at `rate`/s up to `burst`
 *   tokenRate, tokenBurst,     token bucket, set only from rate-limit headers (unit `tokens`)
 *     tokenLevel
 *   updatedAt                  when the levels were last refilled
 *   pausedUntil                no grant before this (a precise, scope-wide server hold)
 *   window, inflight           slow start: at most `window` attempts in flight; `inflight`
 *                              counts granted attempts not yet recorded. A scouting scope
 *                              (created by an acquire with `scout`) starts at 1: below
 *                              `initialWindow` in slow start means its first answer is awaited
 *   lastMax, epochAt,          CUBIC: the success rate measured at the last cut (W_max),
 *     successes, stale         when that cut happened (or the scope was created), successes
 *                              since, and responses still owed by attempts sent before it
 *   phase                      0 slow start, 1 ramp (rate doubling from lastMax), 2 CUBIC
 *   told                       1 once headers gave the rate: learning then defers to them
 *   sampleAt, sampled, recent  a sample of the success rate: successes since `sampleAt`, and
 *                              the last closed sample's rate (closed every 500 ms), which a
 *                              long epoch's cut and growth guard measure by too
 *   burstCap                   the request bucket's size halved by a 429 on a paced scope and
 *                              regrown by successes (burst-cap.ts); 0 once back to full
 *   claimAt                    the instant the last rate-limit 429's server wait named (≥ 2 s),
 *                              0 if none: two that agree are a window's boundary (window-hold.ts)
 *   seen                       the most attempts in flight (counting itself) at which a success
 *                              was recorded since slow start; after slow start `window` is a
 *                              learned concurrency cap (0: none)
 *
 * Transitions (acquire-step.ts, record-step.ts)
 *   acquire(s, now, cost)  refill; wait for `pausedUntil`; a scout in flight holds the rest
 *                          until its answer or SCOUT_MS after the scope began, then
 *                          window = initialWindow; in slow start wait for a free slot
 *                          in `window` (waitMs = WAIT_FOR_RELEASE); wait until both levels
 *                          cover the cost; else grant: levels −= cost, inflight += 1.
 *   record(s, now, fb)     refill; inflight −= 1, stale −= 1; an answer ends scouting
 *                          (window = initialWindow − 1: the scout was its first); apply
 *                          headers (rate = limit ÷ window, level ≤ remaining − in flight);
 *                          then by outcome:
 *     success              slow start: window += 1 (doubles per round trip, like TCP);
 *                          paced: rate = min(CUBIC(now − epochAt), max(lastMax, 2 × epoch
 *                          success rate)) — the AWS guard against growing while idle.
 *                          ramp: rate = lastMax × 2^((now − epochAt) ÷ rampDoublingMs).
 *                          A late success of slow start's volley (stale) first raises the
 *                          ramp's start to successes ÷ (elapsed + horizon), as on a 429.
 *                          Once a doubling has passed and 8 successes came back, the ramp
 *                          measures afresh: lastMax = rate, epochAt = now, successes = 0.
 *     rate-limit 429       slow start: phase = ramp from successes ÷ (elapsed + horizon)
 *                          (slow start's successes drained the server's burst, so they
 *                          overstate its rate). Else, unless stale or told: lastMax =
 *                          successes ÷ (now − epochAt), within [rate ÷ 2, rate] (within
 *                          [0.7 × rate, rate] when it ends a ramp: the ramp's epoch was mostly
 *                          spent below the limit, so its success rate understates it); rate =
 *                          β × lastMax; phase = CUBIC. Both: level = 0 (the server's bucket
 *                          is empty); window = 0; epochAt = now; successes = 0;
 *                          stale = inflight. Retry-After never pauses the scope.
 *     concurrency 429      after slow start, a 429 recorded with more in flight than any
 *                          success ever was: the server caps attempts in flight, not their
 *                          rate. window = seen; no rate cut. A success with the cap full
 *                          widens it by 1 ÷ max(64, 16 × window): one slot higher per
 *                          max(64, 16 × window) successes, each probe costing one 429.
 *                          A cap set in the ramp widens by 1 per success (as slow start
 *                          does): with seconds of service `seen` lags the sends, so it is a
 *                          floor, not the cap; a 429 at the full cap ends the ramp (CUBIC).
 *     anything else        (quota 429, 5xx, timeouts, network, 4xx) no rate change; in slow
 *                          start a completed response still widens the window.
 *     cancelled            only the in-flight count.
 */

/** A scope's throttle state. Every field is a finite number, so it serialises as is. */
export interface ScopeState {
  readonly rate: number;
  readonly burst: number;
  readonly level: number;
  readonly tokenRate: number;
  readonly tokenBurst: number;
  readonly tokenLevel: number;
  readonly updatedAt: number;
  readonly pausedUntil: number;
  readonly window: number;
  readonly inflight: number;
  readonly lastMax: number;
  readonly epochAt: number;
  readonly successes: number;
  readonly stale: number;
  readonly phase: ScopePhase;
  readonly told: 0 | 1;
  readonly seen: number;
  readonly sampleAt: number;
  readonly sampled: number;
  readonly recent: number;
  readonly burstCap: number;
  readonly claimAt: number;
}

/** 0 slow start (window), 1 ramp (rate doubling from `lastMax`), 2 CUBIC around `lastMax`. */
export type ScopePhase = 0 | 1 | 2;
export const SLOW_START: ScopePhase = 0;
export const RAMP: ScopePhase = 1;
export const CUBIC: ScopePhase = 2;

/** The learning constants. Every field has a default; see {@link DEFAULT_TUNING}. */
export interface ThrottleTuning {
  /** Attempts in flight when a scope starts (slow start's first window). @default 8 */
  readonly initialWindow: number;
  /** The rate right after a cut, as a share of the measured success rate. @default 0.9 */
  readonly beta: number;
  /** CUBIC growth per s³ relative to lastMax (see cubic.ts). @default 0.1 */
  readonly c: number;
  /** The rate never falls below this, requests/s (AWS's minFillRate). @default 0.5 */
  readonly minRatePerS: number;
  /** The request bucket holds this much time's worth of rate (at least one request), ms. @default 100 */
  readonly burstWindowMs: number;
  /** The longest scope-wide hold a reset header can impose, ms. @default 60000 */
  readonly maxPauseMs: number;
  /** After slow start, the rate doubles this often until the next 429, ms. @default 100 */
  readonly rampDoublingMs: number;
  /** The ramp starts at slow start's successes spread over its time plus this, ms. @default 100 */
  readonly rampHorizonMs: number;
}

export const DEFAULT_INITIAL_WINDOW = 8;
/** Gentle, and applied to what actually succeeded (findings: ×0.9–1.0 of it beats AIMD's 0.5). */
export const DEFAULT_BETA = 0.9;
export const DEFAULT_CUBIC_C = 0.1;
export const DEFAULT_MIN_RATE_PER_S = 0.5;
export const DEFAULT_BURST_WINDOW_MS = 100;
export const DEFAULT_MAX_PAUSE_MS = 60_000;
export const DEFAULT_RAMP_DOUBLING_MS = 100;
export const DEFAULT_RAMP_HORIZON_MS = 100;

export const DEFAULT_TUNING: ThrottleTuning = Object.freeze({
  initialWindow: DEFAULT_INITIAL_WINDOW,
  beta: DEFAULT_BETA,
  c: DEFAULT_CUBIC_C,
  minRatePerS: DEFAULT_MIN_RATE_PER_S,
  burstWindowMs: DEFAULT_BURST_WINDOW_MS,
  maxPauseMs: DEFAULT_MAX_PAUSE_MS,
  rampDoublingMs: DEFAULT_RAMP_DOUBLING_MS,
  rampHorizonMs: DEFAULT_RAMP_HORIZON_MS,
});

/**
 * How long a scouting scope holds its other attempts for the scout's answer, ms. A volley
 * attempt the server refuses waits out the 429's `Retry-After` — whole seconds, 1 s at least —
 * so holding a new scope's others this long for the headers that size them costs no caller more
 * than the refusal it avoids would have. Simulated buckets of 1 to 5 at 8 to 120 req/s with
 * OpenAI's headers, 32 callers at once: slow start's blind first volley met 3 to 7 429s in the
 * first second; scouted, none (scouting.test.ts).
 */
export const SCOUT_MS = 1000;

/**
 * True while a scope scouts: slow start below the initial window — awaiting the scout's answer,
 * or sized by an answer's `remaining` (sizeByScout). Each answer then sizes the window afresh
 * (initial window at most, `remaining` in flight at most); SCOUT_MS after the scope began, the
 * window opens to the initial one (acquire-step.ts).
 */
export function isScouting(s: ScopeState, tuning: ThrottleTuning): boolean {
  return s.phase === SLOW_START && s.window > 0 && s.window < tuning.initialWindow;
}

/**
 * A fresh scope: in slow start, no rate, nothing learned; with `scout`, one attempt at first
 * (see {@link SCOUT_MS}).
 */
export function initialScopeState(now: number, tuning: ThrottleTuning = DEFAULT_TUNING, scout = false): ScopeState {
  return {
    rate: 0,
    burst: 0,
    level: 0,
    tokenRate: 0,
    tokenBurst: 0,
    tokenLevel: 0,
    updatedAt: now,
    pausedUntil: 0,
    window: scout ? 1 : tuning.initialWindow,
    inflight: 0,
    lastMax: 0,
    epochAt: now,
    successes: 0,
    stale: 0,
    phase: SLOW_START,
    told: 0,
    seen: 0,
    sampleAt: now,
    sampled: 0,
    recent: 0,
    burstCap: 0,
    claimAt: 0,
  };
}

/** The request bucket's size for a rate: `burstWindowMs` worth, at least one request, at most `cap` (0: none). */
export function burstFor(ratePerS: number, tuning: ThrottleTuning, cap = 0): number {
  const burst = Math.max(1, (ratePerS * tuning.burstWindowMs) / 1000);
  // A capped bucket holds whole requests: a bucket of 1.2 lets one send follow another at 0.8 of the pace.
  return cap > 0 ? Math.min(Math.max(1, Math.floor(cap + 1e-9)), burst) : burst;
}
