import {
  burstFor,
  type RateLimitReading,
  refillScope,
  type ScopeState,
  type ThrottleFeedback,
  type ThrottleTuning,
} from '@staunch/core';
import type { SharedView } from './shared-views.js';

/** The token bucket holds one second of its rate (as core's apply-headers.ts). */
const TOKEN_BURST_S = 1;
/** ScopeState.phase: slow start (no rate yet) and the ramp (doubling from lastMax). */
const SLOW_START = 0;
const RAMP = 1;

/** A bucket's size for a rate, or 0 when the rate is off. */
const requestBurst = (rate: number, tuning: ThrottleTuning) => (rate > 0 ? burstFor(rate, tuning) : 0);
const tokenBurst = (rate: number) => (rate > 0 ? Math.max(1, rate * TOKEN_BURST_S) : 0);

/**
 * This process's share of the last shared state it saw, as a state for its local learner at
 * `now`: the rates, levels and `lastMax` divided by the processes that shared it, the phase
 * kept (a learned rate goes on from there, never back to slow start; slow start's window is
 * shared too), the instants moved from the script's clock to this process's, and `held` — the
 * attempts this process already has in flight — as its in-flight count.
 *
 * A paced share starts a new epoch, as a cut does: CUBIC from β × lastMax back to lastMax
 * over K, probing beyond it only after that; a ramp doubles on from the share's rate. Kept,
 * the shared epoch went on probing past lastMax in every process at once, and processes pacing
 * apart each see only their own 429s: the ones that drew them cut again and again while the
 * others kept probing (measured, S6 with Redis killed for 2 s: local rates of 2.8 to 17.6 req/s
 * when Redis came back, from shares of 12.9).
 */
export function shareOf(view: SharedView, now: number, held: number, tuning: ThrottleTuning): ScopeState {
  const s = view.state;
  const share = 1 / view.processes;
  const local = (at: number) => at - view.seenAt + view.localAt;
  const rate = s.rate > 0 ? Math.max(tuning.minRatePerS, s.rate * share) : 0;
  const burst = requestBurst(rate, tuning);
  const tokenRate = s.tokenRate * share;
  const paced = s.phase !== SLOW_START;
  return {
    rate,
    burst,
    level: Math.min(burst, s.level * share),
    tokenRate,
    tokenBurst: tokenBurst(tokenRate),
    tokenLevel: Math.min(tokenBurst(tokenRate), s.tokenLevel * share),
    updatedAt: local(s.updatedAt),
    pausedUntil: s.pausedUntil > 0 ? local(s.pausedUntil) : 0,
    window: s.window > 0 ? Math.max(1, Math.ceil(s.window * share)) : 0,
    inflight: held,
    lastMax: s.phase === RAMP ? rate : s.lastMax * share,
    epochAt: paced ? now : local(s.epochAt),
    successes: paced ? 0 : s.successes * share,
    stale: Math.min(held, s.stale),
    phase: s.phase,
    told: s.told,
    // A learned concurrency cap (the window after slow start) and what it rests on, shared alike.
    seen: s.seen > 0 ? Math.max(1, Math.ceil(s.seen * share)) : 0,
    sampleAt: now,
    sampled: 0,
    recent: s.recent * share,
    burstCap: 0,
    claimAt: 0,
  };
}

/**
 * The rebuild payload (presence-lua.ts): this process's local learner as its share of the
 * scope, instants as ages (the script puts them on its own clock), `sinceMs` — how long ago
 * this process lost Redis (a hash untouched for that long holds nothing newer) — and the
 * bucket's window, for the script to size the bucket of a sum of shares.
 */
export function rebuildPayload(state: ScopeState, now: number, sinceMs: number, tuning: ThrottleTuning): string {
  const s = refillScope(state, now);
  const values = [
    s.rate,
    s.level,
    s.tokenRate,
    s.tokenLevel,
    Math.max(0, s.pausedUntil - now),
    s.window,
    s.lastMax,
    Math.max(0, now - s.epochAt),
    s.successes,
    s.phase,
    s.told,
    Math.max(0, sinceMs),
    tuning.burstWindowMs,
  ];
  return values.map(String).join(',');
}

/**
 * Feedback for a local learner that paces one share of a scope: a rate-limit header states the
 * whole key's limit and what remains of it, so the share's part is that ÷ `processes`.
 */
export function shareFeedback(feedback: ThrottleFeedback, processes: number): ThrottleFeedback {
  if (processes <= 1 || feedback.rateLimits.length === 0) return feedback;
  const part = (value: number | undefined) => (value === undefined ? undefined : value / processes);
  const rateLimits = feedback.rateLimits.map(
    (r): RateLimitReading => ({ ...r, limit: part(r.limit), remaining: part(r.remaining) }),
  );
  return { ...feedback, rateLimits };
}
