import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, probeTime } from '../../src/index.js';
import { runScenario } from './support/run-scenario.js';

describe("CUBIC's probing, in successes rather than seconds", () => {
  it('keeps CUBIC time back to lastMax, and stretches the climb past it at low rates only', () => {
    expect(probeTime(2, 800, DEFAULT_TUNING)).toBe(800);
    expect(probeTime(2, 1000 + 25_000, DEFAULT_TUNING)).toBeCloseTo(2000, 6);
    expect(probeTime(200, 3000, DEFAULT_TUNING)).toBe(3000);
  });

  // Before: one probe 429 every 2–3 s at any rate, 14 % of arrivals at 2 req/s and 4 % at 8.
  it.each([2, 8, 25])(
    'at %i req/s (burst 5, no hint), past learning, probes cost ≤ 2 % of arrivals',
    async (ratePerS) => {
      const r = await runScenario({
        requests: ratePerS * 40,
        concurrency: 32,
        ratePerS,
        burst: 5,
        hint: 'none',
        stepMs: 2,
      });
      const late = r.server.arrivals.filter((a) => a.at > 10_000);
      const share = late.filter((a) => a.status === 429).length / late.length;
      console.log(`${ratePerS} req/s: goodput ${r.goodput.toFixed(2)}, 429s after 10 s ${(100 * share).toFixed(1)} %`);
      expect(r.failed).toBe(0);
      expect(share).toBeLessThanOrEqual(0.02);
      expect(r.goodput).toBeGreaterThanOrEqual(0.95);
    },
  );
});
