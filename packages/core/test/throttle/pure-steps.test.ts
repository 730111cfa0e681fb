import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  acquireStep,
  cubicK,
  cubicRate,
  DEFAULT_TUNING,
  headerRatePerS,
  initialScopeState,
  recordStep,
  type ScopeState,
  WAIT_FOR_RELEASE,
} from '../../src/index.js';
import { feedback, learnedState, pacedState } from './support/feedback.js';

const ONE = { requests: 1, tokens: 0 };

/** Grants for arrivals at `arrivals` (ms, ascending), served FIFO by the pure step. */
function grantTimes(state: ScopeState, arrivals: readonly number[]): number[] {
  let s = state;
  let t = 0;
  const grants: number[] = [];
  for (const arrival of arrivals) {
    t = Math.max(t, arrival);
    for (;;) {
      const step = acquireStep(s, t, ONE, DEFAULT_TUNING);
      s = step.state;
      if (step.waitMs === 0) break;
      t += Math.ceil(step.waitMs);
    }
    grants.push(t);
  }
  return grants;
}

describe('the request bucket', () => {
  test.prop(
    [
      fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 150 }),
      fc.double({ min: 0.5, max: 200, noNaN: true }),
      fc.integer({ min: 1, max: 20 }),
    ],
    { numRuns: 1000 },
  )('never grants more than burst + rate × T in any window T', (gaps, rate, burst) => {
    const arrivals: number[] = [];
    let at = 0;
    for (const gap of gaps) {
      at += gap;
      arrivals.push(at);
    }
    const grants = grantTimes(pacedState(rate, burst), arrivals);
    for (let i = 0; i < grants.length; i++) {
      for (let j = i; j < grants.length; j++) {
        const window = (grants[j] as number) - (grants[i] as number);
        expect(j - i + 1).toBeLessThanOrEqual(burst + (rate * window) / 1000 + 1e-6);
      }
    }
  });

  it('in slow start waits for a release, not for time', () => {
    const tuning = { ...DEFAULT_TUNING, initialWindow: 2 };
    let s = initialScopeState(0, tuning);
    s = acquireStep(s, 0, ONE, tuning).state;
    s = acquireStep(s, 0, ONE, tuning).state;
    expect(acquireStep(s, 0, ONE, tuning).waitMs).toBe(WAIT_FOR_RELEASE);
    s = recordStep(s, 5, feedback(undefined), tuning);
    expect(s.window).toBe(3);
    expect(acquireStep(s, 5, ONE, tuning).waitMs).toBe(0);
  });
});

describe('CUBIC', () => {
  // AWS SDK adaptive retry, "Cubic success #2" (last_max_rate 10, last_throttle_time 5):
  // absolute C = 0.4 is c = 0.04 relative to lastMax 10; β = 0.7.
  const aws = { beta: 0.7, c: 0.04 };
  it('reproduces the AWS adaptive-retry vector when scaled to its constants', () => {
    expect(cubicK(aws)).toBeCloseTo(1.9574338205844317, 12);
    expect(cubicRate(10, 0, aws)).toBeCloseTo(7, 9);
    expect(cubicRate(10, 1000, aws)).toBeCloseTo(9.64893600966, 9);
  });

  it('is back at lastMax K seconds after a cut, and probes above it later', () => {
    const k = cubicK(DEFAULT_TUNING) * 1000;
    expect(cubicRate(50, k, DEFAULT_TUNING)).toBeCloseTo(50, 9);
    expect(cubicRate(50, k + 2000, DEFAULT_TUNING)).toBeGreaterThan(50 * 1.5);
  });
});

describe('record', () => {
  const busy = (s: ScopeState, n: number): ScopeState => {
    let state = s;
    for (let i = 0; i < n; i++) state = acquireStep(state, state.updatedAt, ONE, DEFAULT_TUNING).state;
    return state;
  };

  it('a quota 429 leaves the rate unchanged', () => {
    const s = busy(learnedState(40), 1);
    const after = recordStep(s, 500, feedback('quota'), DEFAULT_TUNING);
    expect(after.rate).toBe(s.rate);
    expect(after.lastMax).toBe(s.lastMax);
  });

  it.each(['overloaded', 'server-error', 'gateway-timeout', 'timeout', 'network'] as const)(
    'a transient %s does not cut the rate',
    (reason) => {
      const s = busy(learnedState(40), 1);
      expect(recordStep(s, 500, feedback(reason), DEFAULT_TUNING).rate).toBe(s.rate);
    },
  );

  it('a rate-limit 429 cuts to β × the success rate measured since the last cut', () => {
    let s = busy({ ...learnedState(40), rate: 60 }, 1);
    s = { ...s, successes: 50 };
    const after = recordStep(s, 1000, feedback('rate-limit', { retryAfterMs: 1000 }), DEFAULT_TUNING);
    expect(after.lastMax).toBeCloseTo(50, 9);
    expect(after.rate).toBeCloseTo(45, 9);
    expect(after.pausedUntil).toBe(0); // Retry-After delays the request, not the scope
  });

  it('429s owed by attempts sent before a cut do not cut again', () => {
    let s = busy({ ...learnedState(40), burst: 3, level: 3 }, 3);
    expect(s.inflight).toBe(3);
    s = recordStep({ ...s, successes: 40 }, 1000, feedback('rate-limit'), DEFAULT_TUNING);
    const rate = s.rate;
    s = recordStep(s, 1010, feedback('rate-limit'), DEFAULT_TUNING);
    s = recordStep(s, 1020, feedback('rate-limit'), DEFAULT_TUNING);
    expect(s.rate).toBe(rate);
  });

  it('paces from OpenAI-style headers (limit per minute) and caps the level at remaining', () => {
    const reading = { unit: 'requests' as const, limit: 3000, remaining: 2, resetMs: 160, windowSeconds: 60 };
    expect(headerRatePerS(reading)).toBe(50);
    const s = recordStep(
      busy(initialScopeState(0), 1),
      20,
      feedback(undefined, { rateLimits: [reading] }),
      DEFAULT_TUNING,
    );
    expect(s.rate).toBe(50);
    expect(s.window).toBe(0);
    expect(s.level).toBeLessThanOrEqual(2);
  });

  it('reads a rate from remaining and reset when no window is declared', () => {
    expect(headerRatePerS({ unit: 'requests', limit: 10, remaining: 6, resetMs: 80, windowSeconds: undefined })).toBe(
      50,
    );
  });

  it('holds the scope until the reset of an exhausted bucket that states no rate', () => {
    const reading = {
      unit: 'requests' as const,
      limit: undefined,
      remaining: 0,
      resetMs: 700,
      windowSeconds: undefined,
    };
    const s = recordStep(
      busy(learnedState(40), 1),
      100,
      feedback('rate-limit', { rateLimits: [reading] }),
      DEFAULT_TUNING,
    );
    expect(s.pausedUntil).toBe(800);
    expect(acquireStep(s, 100, ONE, DEFAULT_TUNING).waitMs).toBe(700);
  });
});
