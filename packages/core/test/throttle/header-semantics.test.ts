import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  applyHeaders,
  DEFAULT_TUNING,
  headerRatePerS,
  initialScopeState,
  type RateLimitReading,
  type ScopeState,
} from '../../src/index.js';
import { runScenario } from './support/run-scenario.js';
import { perMinutePolicy } from './support/sim-policies.js';

const reading = (fields: Partial<RateLimitReading>): RateLimitReading => ({
  unit: 'requests',
  limit: undefined,
  remaining: undefined,
  resetMs: undefined,
  windowSeconds: undefined,
  ...fields,
});
const apply = (state: ScopeState, now: number, ...readings: RateLimitReading[]): ScopeState =>
  applyHeaders(state, now, readings, DEFAULT_TUNING);

describe('the pace a reading states', () => {
  it('agrees when limit per window and remaining-over-reset say the same (OpenAI at 500 RPM)', () => {
    expect(headerRatePerS(reading({ limit: 500, remaining: 499, resetMs: 120, windowSeconds: 60 }))).toBeCloseTo(
      8.33,
      2,
    );
  });

  it('takes the reset reading when the bucket reads well stocked: a `limit` that is the bucket size', () => {
    // A bucket of 10 refilling at 50/s, read by a per-minute preset: 10 per minute would be 0.17/s.
    expect(headerRatePerS(reading({ limit: 10, remaining: 9, resetMs: 20, windowSeconds: 60 }))).toBe(50);
  });

  it('takes the window reading when remaining belongs to a smaller bucket than the limit counts', () => {
    // limit 3000 per minute, remaining 2 of a 10-request bucket, full in 160 ms: (3000 − 2)/0.16 s is not a rate.
    expect(headerRatePerS(reading({ limit: 3000, remaining: 2, resetMs: 160, windowSeconds: 60 }))).toBe(50);
  });

  it('counts what is in flight against the room a bucket reads', () => {
    const r = reading({ limit: 10, remaining: 3, resetMs: 140, windowSeconds: 60 });
    expect(headerRatePerS(r, 0)).toBe(50);
    expect(headerRatePerS(r, 2)).toBeCloseTo(10 / 60, 5);
  });

  it('states nothing from a count over a minute with no reset (the learner measures instead)', () => {
    expect(headerRatePerS(reading({ limit: 10, remaining: 9, windowSeconds: 60 }))).toBeUndefined();
    // Nearly spent, it may still be a concurrency cap's slots: read as per minute, 0.05 req/s starved.
    expect(headerRatePerS(reading({ limit: 3, remaining: 0, windowSeconds: 60 }))).toBeUndefined();
    // Over one second, the count is the pace.
    expect(headerRatePerS(reading({ limit: 60, remaining: 1, windowSeconds: 1 }))).toBe(60);
  });

  it('reads a per-day window as a quota: no pace, whatever remains', () => {
    expect(headerRatePerS(reading({ limit: 14_400, remaining: 14_399, resetMs: 6000, windowSeconds: 86_400 }))).toBe(
      undefined,
    );
    expect(headerRatePerS(reading({ limit: 14_400, remaining: 10, resetMs: 6000, windowSeconds: 3600 }))).toBe(
      undefined,
    );
  });
});

describe('applying readings to a scope', () => {
  it('a quota with room sets neither pace nor pause; a spent one holds the scope until its reset', () => {
    const fresh = initialScopeState(0);
    const quota = { limit: 14_400, resetMs: 30_000, windowSeconds: 86_400 };
    expect(apply(fresh, 0, reading({ ...quota, remaining: 14_000 }))).toEqual(fresh);
    const spent = apply(fresh, 100, reading({ ...quota, remaining: 0 }));
    expect(spent.pausedUntil).toBe(30_100);
    expect(spent.rate).toBe(0);
  });

  it('a spent quota holds at most maxPauseMs at a time', () => {
    const spent = apply(
      initialScopeState(0),
      0,
      reading({ limit: 1000, remaining: 0, resetMs: 3_600_000, windowSeconds: 86_400 }),
    );
    expect(spent.pausedUntil).toBe(DEFAULT_TUNING.maxPauseMs);
  });

  it('never paces below what the server granted over the last second without a 429', () => {
    const busy: ScopeState = { ...initialScopeState(0), successes: 120, epochAt: 0 };
    const s = apply(busy, 2000, reading({ limit: 60, remaining: 0, resetMs: 60_000, windowSeconds: 60 }));
    expect(s.rate).toBe(60);
  });
});

describe('simulated: a server whose limit header is its bucket size, read by a per-minute preset', () => {
  // Before: `limit ÷ 60` paced at 0.17 req/s, and 15 of 400 requests succeeded in 45 s.
  it.each([20, 50, 200])(
    'at %i req/s (burst 10) the preset reaches ≥ 0.9 of capacity, 429s ≤ 2 %',
    async (ratePerS) => {
      const r = await runScenario({
        requests: Math.max(200, ratePerS * 4),
        concurrency: 32,
        ratePerS,
        burst: 10,
        hint: 'openai',
        limitHeader: 'bucket-size',
        policy: perMinutePolicy,
      });
      console.log(
        `bucket-size limit header at ${ratePerS} req/s: goodput ${r.goodput.toFixed(3)}, 429s ${r.rateLimited}`,
      );
      expect(r.failed).toBe(0);
      expect(r.goodput).toBeGreaterThanOrEqual(0.9);
      expect(r.rateLimited).toBeLessThanOrEqual(0.02 * r.server.arrivals.length);
    },
  );
});

describe('properties of header readings', () => {
  const anyReading = fc.record({
    unit: fc.constant('requests' as const),
    limit: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    remaining: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    resetMs: fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
    windowSeconds: fc.option(fc.constantFrom(1, 10, 60, 3600, 86_400), { nil: undefined }),
  });

  test.prop([anyReading, fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1000, max: 60_000 })])(
    'never paces below what the server granted over an epoch of a second or more without a 429',
    (r, successes, epochMs) => {
      const state: ScopeState = { ...initialScopeState(0), successes, epochAt: 0 };
      const granted = (successes * 1000) / epochMs;
      const s = apply(state, epochMs, r);
      if (s.rate > 0) expect(s.rate).toBeGreaterThanOrEqual(granted - 1e-9);
    },
  );

  test.prop([anyReading, fc.integer({ min: 0, max: 64 })])(
    'a quota window never sets a pace; any reading’s pace is finite and positive',
    (r, inflight) => {
      const pace = headerRatePerS(r, inflight);
      if (r.windowSeconds !== undefined && r.windowSeconds >= 3600) expect(pace).toBeUndefined();
      if (pace !== undefined) expect(Number.isFinite(pace) && pace > 0).toBe(true);
    },
  );
});
