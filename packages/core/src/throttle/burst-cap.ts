import { burstFor, type ScopeState, type ThrottleTuning } from './scope-state.js';

/**
 * A halved bucket regrows one request per this many successes (and per 16 × its size when
 * larger): a server with a burst of 1 then costs one 429 per ~64 successes.
 */
const BURST_REGROW_SUCCESSES = 64;
const BURST_REGROW_PER_REQUEST = 16;

/**
 * A rate-limit 429 on a paced scope halves its bucket (never below one request). A bucket of
 * `burstWindowMs` worth lets a timer that fired late catch up with two sends closer than the
 * pace, and a server whose own burst is 1 refuses the second: simulated burst-1 bucket at
 * 180 req/s with OpenAI headers stating the true pace, 35 % of arrivals were 429s.
 */
export function shrinkBurst(s: ScopeState): ScopeState {
  const burstCap = Math.max(1, Math.floor(s.burst / 2));
  return { ...s, burstCap, burst: Math.min(s.burst, burstCap), level: Math.min(s.level, burstCap) };
}

/** A success regrows a halved bucket a little, up to what the rate alone allows. */
export function regrowBurst(s: ScopeState, tuning: ThrottleTuning): ScopeState {
  if (s.burstCap <= 0 || s.rate <= 0) return s;
  const full = burstFor(s.rate, tuning);
  if (s.burstCap >= full) return { ...s, burstCap: 0, burst: full };
  const burstCap = s.burstCap + 1 / Math.max(BURST_REGROW_SUCCESSES, BURST_REGROW_PER_REQUEST * s.burstCap);
  return { ...s, burstCap, burst: burstFor(s.rate, tuning, burstCap) };
}
