import type { Reason } from '../policy/reason.js';

/**
 * The outage defence's state for one scope, plain numbers with pure transitions (the Redis
 * twin mirrors them). A breaker that holds retries instead of refusing them:
 *
 *   failRatio    exponentially weighted share of recent counted attempts that failed
 *                (weight `alpha` per attempt), 0…1
 *   open         1 while most recent attempts fail: retries wait, one probe at a time
 *   nextProbeAt  monotonic ms when the next held retry may go out as a probe
 *   probeGapMs   the gap after that probe; doubles while open, up to `maxProbeGapMs`
 *
 *   record(success)  failRatio ×= (1 − alpha); open → closed (every held retry goes)
 *   record(failure)  failRatio += alpha × (1 − failRatio); at `tripRatio` or above: open,
 *                    first probe after `initialProbeGapMs`
 *   record(neutral)  no change: a rate-limit or quota 429 (the throttle's business) or a
 *                    client error says nothing about an outage
 *   probe(now)       closed: release all; open and now ≥ nextProbeAt: release one and
 *                    move nextProbeAt by probeGapMs (then double it); else wait
 *
 * Why not a ratio budget: gRPC's `retryThrottling` (A6: 10 tokens, ratio 0.1) and the AWS
 * retry quota refuse retries once failures pass ~10 %, which starves recovery from
 * independent faults (measured: 605 of 800 succeed at 20 % transient faults). A breaker that
 * holds (Nygard's circuit breaker with a half-open probe) sends ~one attempt per request
 * during an outage and loses no request to it.
 */
export interface OutageState {
  readonly failRatio: number;
  readonly open: 0 | 1;
  readonly nextProbeAt: number;
  readonly probeGapMs: number;
}

export interface OutageTuning {
  /** Weight of each attempt in `failRatio`. @default 0.2 */
  readonly alpha: number;
  /** `failRatio` at which retries start to be held. @default 0.75 (≈ 7 failures in a row) */
  readonly tripRatio: number;
  /** ms from tripping to the first probe. @default 250 */
  readonly initialProbeGapMs: number;
  /** Longest gap between probes, ms. @default 1000 */
  readonly maxProbeGapMs: number;
}

export const DEFAULT_OUTAGE_TUNING: OutageTuning = Object.freeze({
  alpha: 0.2,
  tripRatio: 0.75,
  initialProbeGapMs: 250,
  maxProbeGapMs: 1000,
});

/** What an outcome says about an outage. */
export type OutageSignal = 'success' | 'failure' | 'neutral';

const OUTAGE_REASONS: ReadonlySet<Reason> = new Set<Reason>([
  'overloaded',
  'server-error',
  'gateway-timeout',
  'timeout',
  'network',
  'unknown',
]);

export function outageSignal(succeeded: boolean, reason: Reason | undefined): OutageSignal {
  if (succeeded) return 'success';
  if (reason === undefined || OUTAGE_REASONS.has(reason)) return 'failure';
  return 'neutral';
}

export function initialOutageState(tuning: OutageTuning = DEFAULT_OUTAGE_TUNING): OutageState {
  return { failRatio: 0, open: 0, nextProbeAt: 0, probeGapMs: tuning.initialProbeGapMs };
}

export function outageRecord(state: OutageState, now: number, signal: OutageSignal, tuning: OutageTuning): OutageState {
  if (signal === 'neutral') return state;
  if (signal === 'success') {
    return {
      failRatio: state.failRatio * (1 - tuning.alpha),
      open: 0,
      nextProbeAt: 0,
      probeGapMs: tuning.initialProbeGapMs,
    };
  }
  const failRatio = state.failRatio + tuning.alpha * (1 - state.failRatio);
  if (state.open || failRatio < tuning.tripRatio) return { ...state, failRatio };
  return { failRatio, open: 1, nextProbeAt: now + tuning.initialProbeGapMs, probeGapMs: tuning.initialProbeGapMs };
}

/** `release`: how many held retries may go now (Infinity when closed); else wait `waitMs`. */
export interface ProbeStep {
  readonly state: OutageState;
  readonly release: number;
  readonly waitMs: number;
}

export function outageProbe(state: OutageState, now: number, tuning: OutageTuning): ProbeStep {
  if (!state.open) return { state, release: Number.POSITIVE_INFINITY, waitMs: 0 };
  if (now < state.nextProbeAt) return { state, release: 0, waitMs: state.nextProbeAt - now };
  const next = {
    ...state,
    nextProbeAt: now + state.probeGapMs,
    probeGapMs: Math.min(tuning.maxProbeGapMs, state.probeGapMs * 2),
  };
  return { state: next, release: 1, waitMs: next.nextProbeAt - now };
}
