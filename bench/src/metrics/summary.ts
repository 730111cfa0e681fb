import { CUT_STATUS } from '../runner/run-load.js';
import type { RunResult } from '../runner/run-result.js';
import { serverCapacity } from './capacity.js';
import { type OutageFigures, outageFigures } from './outage.js';
import { percentile } from './percentile.js';

const MS_PER_SECOND = 1000;

/** One row of the arena's tables: how one client fared in one scenario. */
export interface Summary {
  readonly scenario: string;
  readonly client: string;
  readonly requests: number;
  readonly successes: number;
  /** Non-poison requests, and how many of them succeeded. */
  readonly healthy: number;
  readonly healthyOk: number;
  /** Successes ÷ what the server could serve in the wall time; undefined on an unlimited server. */
  readonly goodput: number | undefined;
  /** Successes per second of wall time. */
  readonly throughput: number;
  /** Provider arrivals ÷ logical requests. */
  readonly attemptsPerRequest: number;
  readonly rateLimited: number;
  /** 429s ÷ arrivals. */
  readonly rateLimitedShare: number;
  /** Latency of successful calls, ms. */
  readonly p50: number | undefined;
  readonly p95: number | undefined;
  readonly p99: number | undefined;
  /** Mean and most arrivals per poison request; undefined without poison. */
  readonly poisonAttempts: number | undefined;
  readonly poisonAttemptsMax: number | undefined;
  /** From the first call's start to the last call's end. */
  readonly wallMs: number;
  /** Calls the scenario's timeout cut. */
  readonly cut: number;
  readonly outage: OutageFigures | undefined;
}

export function summarise(run: RunResult): Summary {
  const { records, scenario } = run;
  const started = records.filter((r) => r.status !== CUT_STATUS || r.endMs > r.startMs);
  const firstMs = Math.min(...started.map((r) => r.startMs));
  const lastMs = Math.max(...started.map((r) => r.endMs));
  const wallMs = started.length === 0 ? 0 : lastMs - firstMs;
  const ok = records.filter((r) => r.ok);
  const healthy = records.filter((r) => !r.poison);
  const capacity = wallMs > 0 ? serverCapacity(scenario.server, firstMs, lastMs) : undefined;
  const latencies = ok.map((r) => r.endMs - r.startMs);
  const window = scenario.server.outages?.[0];
  return {
    scenario: scenario.id,
    client: run.client,
    requests: records.length,
    successes: ok.length,
    healthy: healthy.length,
    healthyOk: healthy.filter((r) => r.ok).length,
    goodput: capacity === undefined || capacity === 0 ? undefined : ok.length / capacity,
    throughput: wallMs > 0 ? (ok.length * MS_PER_SECOND) / wallMs : 0,
    attemptsPerRequest: records.length === 0 ? 0 : run.arrivals / records.length,
    rateLimited: run.rateLimited,
    rateLimitedShare: run.arrivals === 0 ? 0 : run.rateLimited / run.arrivals,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    poisonAttempts: mean(run.poisonArrivals),
    poisonAttemptsMax: run.poisonArrivals.length === 0 ? undefined : Math.max(...run.poisonArrivals),
    wallMs,
    cut: records.filter((r) => r.status === CUT_STATUS).length,
    outage: window === undefined ? undefined : outageFigures(window, records, run.timeline),
  };
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}
