import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING, recordStep } from '../../src/index.js';
import { feedback, pacedState } from './support/feedback.js';
import { oracleThrottle } from './support/oracle-throttle.js';
import { runScenario } from './support/run-scenario.js';
import { perMinutePolicy } from './support/sim-policies.js';

describe('the request bucket after a 429 on a paced scope', () => {
  it('halves to whole requests and regrows one request per 64 successes', () => {
    let s = recordStep({ ...pacedState(180, 18), inflight: 1 }, 0, feedback('rate-limit'), DEFAULT_TUNING);
    expect(s.burst).toBe(9);
    for (let i = 0; i < 3; i += 1) s = recordStep({ ...s, inflight: 1 }, 1, feedback('rate-limit'), DEFAULT_TUNING);
    expect(s.burst).toBe(1);
    for (let i = 0; i < 63; i += 1) s = recordStep({ ...s, inflight: 1 }, 2, feedback(undefined), DEFAULT_TUNING);
    expect(s.burst).toBe(1);
    s = recordStep({ ...s, inflight: 1 }, 2, feedback(undefined), DEFAULT_TUNING);
    expect(s.burst).toBe(2);
  });

  // Before: a bucket of 100 ms' worth let late timers catch up with pairs of sends, and 35 % of
  // arrivals were 429s at goodput 0.57.
  it.each([60, 180])(
    'a burst-1 server at %i req/s stating its true pace (OpenAI headers): 429s ≤ 3 %, ≥ 0.8 of a limiter told the rate',
    async (ratePerS) => {
      const server = {
        requests: ratePerS * 8,
        concurrency: 32,
        ratePerS,
        burst: 1,
        hint: 'openai' as const,
        stepMs: 1,
      };
      const r = await runScenario({ ...server, policy: perMinutePolicy });
      const told = await runScenario({ ...server, throttle: (clock) => oracleThrottle(clock, { ratePerS }) });
      const share = r.rateLimited / r.server.arrivals.length;
      console.log(
        `burst 1 at ${ratePerS} req/s: ${(told.elapsedMs / r.elapsedMs).toFixed(2)} of told, 429s ${(100 * share).toFixed(1)} %`,
      );
      expect(share).toBeLessThanOrEqual(0.03);
      expect(told.elapsedMs / r.elapsedMs).toBeGreaterThanOrEqual(0.8);
    },
  );
});
