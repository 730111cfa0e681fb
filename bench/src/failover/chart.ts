import { type BarPanel, barPanels } from '../svg/bar-panels.js';
import { CONTENDER_LABELS, CONTENDERS } from './contenders.js';
import type { FailoverRun } from './scenarios.js';

export const FAILOVER_CHART = 'failover.svg';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * The summary chart: per measure, each contender's median over the runs, rounded to a whole number
 * (shares as percentages) so that four bars' labels fit side by side in a panel.
 */
export function failoverChart(results: readonly FailoverRun[]): string {
  const panel = (title: string, unit: string, scenario: string, pick: (r: FailoverRun) => number): BarPanel => ({
    title,
    unit,
    bars: CONTENDERS.map((contender) => ({
      name: CONTENDER_LABELS[contender],
      value: Math.round(median(results.filter((r) => r.scenario === scenario && r.contender === contender).map(pick))),
    })),
  });
  const title =
    'Failover bench: Staunch against cockatiel + fallback, the Portkey gateway and ai-fallback (median of runs)';
  return barPanels(title, [
    panel('F1 primary arrivals', 'in the 3 s outage', 'F1', (r) => r.primaryArrivals),
    panel('F2 key attempts', 'on the key out of quota', 'F2', (r) => r.primaryArrivals),
    panel('F3 capacity share', '% of 60 req/s', 'F3', (r) => r.ratio * 100),
    panel('F3 429 share', '% of answers', 'F3', (r) => (r.share429 ?? 0) * 100),
    panel('F4 p99 latency', 'ms', 'F4', (r) => r.p99Ms ?? 0),
    panel('F5 primary arrivals', 'at the gateway', 'F5', (r) => r.primaryArrivals),
  ]);
}
