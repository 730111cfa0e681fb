import { summarise } from '../metrics/summary.js';
import type { RunResult } from '../runner/run-result.js';

/** The 2 s after a rise in capacity, over which the share of the new capacity admitted is measured. */
export const RISE_WINDOW_MS = 2000;
const MS_PER_SECOND = 1000;

/** What one contender did in one run of one point: the raw figures sweep.json keeps. */
export interface RunFigures {
  readonly point: string;
  readonly label: string;
  /** 1-based. */
  readonly run: number;
  readonly requests: number;
  readonly successes: number;
  /** Successes ÷ what the server could serve in the run's wall time (summary.ts); absent when unlimited. */
  readonly goodput: number | null;
  /** Successes per second of wall time. */
  readonly throughput: number;
  readonly arrivals: number;
  readonly rateLimitedShare: number;
  readonly attemptsPerRequest: number;
  readonly p95Ms: number | null;
  readonly wallMs: number;
  /** Calls the point's timeout cut. */
  readonly cut: number;
  /** Rise points: admitted in the 2 s after the rise ÷ the new rate × 2 s. */
  readonly riseAdmitted: number | null;
  /** Outage points: from the end of the outage to the last success. */
  readonly drainMs: number | null;
  /** Outage points: arrivals ÷ requests that arrived during the outage. */
  readonly outageAmplification: number | null;
}

export function runFigures(point: string, label: string, run: number, result: RunResult): RunFigures {
  const summary = summarise(result);
  return {
    point,
    label,
    run,
    requests: summary.requests,
    successes: summary.successes,
    goodput: summary.goodput ?? null,
    throughput: summary.throughput,
    arrivals: result.arrivals,
    rateLimitedShare: summary.rateLimitedShare,
    attemptsPerRequest: summary.attemptsPerRequest,
    p95Ms: summary.p95 ?? null,
    wallMs: summary.wallMs,
    cut: summary.cut,
    riseAdmitted: riseAdmitted(result),
    drainMs: summary.outage?.drainMs ?? null,
    outageAmplification: summary.outage?.amplification ?? null,
  };
}

/**
 * The first step that raises the rate: requests admitted from it for {@link RISE_WINDOW_MS} ÷
 * what the new rate allows in that time. 1.0 means the client used the new capacity at once.
 */
export function riseAdmitted(result: RunResult): number | null {
  const server = result.scenario.server;
  const rise = (server.capacity ?? []).find((step) => step.rate > server.rate);
  if (rise === undefined) return null;
  const end = rise.atMs + RISE_WINDOW_MS;
  const admitted = result.timeline.filter((e) => e.admitted && e.atMs >= rise.atMs && e.atMs < end).length;
  return admitted / ((rise.rate * RISE_WINDOW_MS) / MS_PER_SECOND);
}
