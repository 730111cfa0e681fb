import { throughputSeries } from '../metrics/throughput-series.js';
import type { RunResult } from '../runner/run-result.js';
import { UNLIMITED_RATE } from '../scenarios/scenario.js';
import { lineChart } from '../svg/line-chart.js';

const BIN_MS = 500;

/** Successes per second over time for every client of one scenario, the server's limit dashed. */
export function chartFor(runs: readonly RunResult[]): string {
  const scenario = runs[0]?.scenario;
  const rate = scenario?.server.rate ?? UNLIMITED_RATE;
  return lineChart({
    title: `${scenario?.id ?? ''}: successes per second (${BIN_MS} ms bins)`,
    xLabel: 'seconds since the first request',
    yLabel: 'successes / s',
    series: runs.map((run) => ({
      name: run.client,
      points: throughputSeries(run.timeline, Math.min(...run.records.map((r) => r.startMs)), BIN_MS),
    })),
    ...(rate < UNLIMITED_RATE && { reference: { value: rate, label: `server limit ${rate}/s` } }),
  });
}
