import type { ScopeState } from './scope-state.js';

const MS_PER_S = 1000;
/** An epoch shorter than this still measures over this long. */
const MIN_EPOCH_MS = 1;
/**
 * A sample of the success rate closes at the first success at least SAMPLE_MS after it opened
 * that brings it to SAMPLE_SUCCESSES: fewer make a noisy rate (at 2 req/s, a 500 ms sample holds
 * one success or two, and probes cost 3.4 % of arrivals instead of 1.7 %).
 */
export const SAMPLE_MS = 500;
export const SAMPLE_SUCCESSES = 10;
/**
 * An epoch this long or longer may span what its average hides — an outage (no successes for
 * seconds), a rise in capacity — so it is also measured by the last closed sample.
 */
const LONG_EPOCH_MS = 2000;

/** The success rate since the epoch began (the last cut, or the scope's start), per second. */
export function epochRate(state: ScopeState, now: number): number {
  return (state.successes * MS_PER_S) / Math.max(MIN_EPOCH_MS, now - state.epochAt);
}

/** A success counted into the open sample, which closes into `recent` when long and full enough. */
export function sampleSuccess(state: ScopeState, now: number, requests: number): ScopeState {
  const sampled = state.sampled + requests;
  const span = now - state.sampleAt;
  if (span < SAMPLE_MS || sampled < SAMPLE_SUCCESSES) return { ...state, sampled };
  return { ...state, sampleAt: now, sampled: 0, recent: (sampled * MS_PER_S) / span };
}

/**
 * What the server grants, per second, as the learner measures it: the epoch's success rate, or
 * for a long epoch the larger of it and the last sample's, at most `cap` (simulated 3 s outage
 * at 50 req/s: a cut 4 s after it measured 30 req/s over an epoch that began before it, and the
 * drain took 7.6 s where the server allowed 6.1). A cut caps the sample at lastMax: a sample
 * taken while probing past it holds the server's burst too, and overstates its rate.
 */
export function measuredRate(state: ScopeState, now: number, cap = Number.POSITIVE_INFINITY): number {
  const epoch = epochRate(state, now);
  return now - state.epochAt >= LONG_EPOCH_MS ? Math.max(epoch, Math.min(cap, state.recent)) : epoch;
}
