import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, recordStep } from '../../src/index.js';
import { feedback, learnedState } from './support/feedback.js';
import { runScenario } from './support/run-scenario.js';

describe("a fixed window's boundary, told by 429s' server waits", () => {
  it('two 429s naming the same instant ≥ 2 s away hold the scope until it, with no cut', () => {
    const first = recordStep(
      { ...learnedState(40), inflight: 2 },
      1000,
      feedback('rate-limit', { retryAfterMs: 4000 }),
      DEFAULT_TUNING,
    );
    expect(first.pausedUntil).toBe(0);
    const second = recordStep(
      { ...first, inflight: 1 },
      1300,
      feedback('rate-limit', { retryAfterMs: 4000 }),
      DEFAULT_TUNING,
    );
    expect(second.pausedUntil).toBe(5000);
    expect(second.rate).toBe(first.rate);
  });

  it('never holds on a whole-second wait of a token bucket ("1"), however many agree', () => {
    let s = { ...learnedState(40), inflight: 3 };
    for (const at of [1000, 1100, 1200])
      s = recordStep(s, at, feedback('rate-limit', { retryAfterMs: 1000 }), DEFAULT_TUNING);
    expect(s.pausedUntil).toBe(0);
  });

  // Before: each boundary's 429s cut the rate to the minimum; 5 s windows at 25 req/s took 125 s
  // for 1.5 windows' worth.
  it.each([
    [8, 5000],
    [25, 5000],
    [120, 5000],
    [25, 60_000],
  ])(
    '%i req/s in %i ms windows (Retry-After to the boundary): 1.5 windows in ≤ 1.25 windows’ time, ≤ 5 × 429',
    async (ratePerS, windowMs) => {
      const requests = Math.ceil(((ratePerS * windowMs) / 1000) * 1.5);
      const r = await runScenario({
        requests,
        concurrency: 32,
        ratePerS,
        burst: 5,
        windowMs,
        hint: 'retry-after',
        stepMs: ratePerS >= 120 ? 1 : 5,
      });
      console.log(
        `window ${windowMs} ms at ${ratePerS} req/s: ${(r.elapsedMs / windowMs).toFixed(2)} windows, 429s ${r.rateLimited}`,
      );
      expect(r.failed).toBe(0);
      expect(r.elapsedMs).toBeLessThanOrEqual(1.25 * windowMs);
      expect(r.rateLimited).toBeLessThanOrEqual(5);
    },
  );
});
