import { describe, expect, it } from 'vitest';
import { runScenario } from './support/run-scenario.js';

/** Server capacity: 50 req/s, then 100 from 10 s, then 25 from 20 s (burst 10, no hint). */
const capacity = (now: number): number => (now < 10_000 ? 50 : now < 20_000 ? 100 : 25);

/** Successes per second the server granted in [from, to) ms. */
const okRate = (arrivals: readonly { at: number; status: number }[], from: number, to: number): number =>
  (arrivals.filter((a) => a.status === 200 && a.at >= from && a.at < to).length * 1000) / (to - from);

describe('learning a stepped capacity', () => {
  it('holds ≥ 85 % of capacity from 5 s after each step (50 → 100 → 25 req/s), 429s ≤ 5 % of arrivals', async () => {
    const report = await runScenario({
      requests: 2000,
      concurrency: 32,
      ratePerS: capacity,
      burst: 10,
      hint: 'none',
      stepMs: 10,
    });
    const { arrivals } = report.server;
    const windows = [
      [5_000, 10_000, 50],
      [15_000, 20_000, 100],
      [25_000, 30_000, 25],
    ] as const;
    const measured = windows.map(([from, to]) => okRate(arrivals, from, to));
    console.log('stepped capacity: successes/s', measured, '429 share', report.rateLimited / arrivals.length);
    windows.forEach(([, , cap], i) => {
      expect(measured[i]).toBeGreaterThanOrEqual(cap * 0.85);
    });
    expect(report.rateLimited / arrivals.length).toBeLessThanOrEqual(0.05);
  });
});
