import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { oracleThrottle } from './support/oracle-throttle.js';
import { runScenario } from './support/run-scenario.js';
import { perMinutePolicy } from './support/sim-policies.js';
import type { HintStyle } from './support/sim-server.js';

/** Successes per second the server granted in [from, to) ms. */
const okRate = (arrivals: readonly { at: number; status: number }[], from: number, to: number): number =>
  (arrivals.filter((a) => a.status === 200 && a.at >= from && a.at < to).length * 1000) / (to - from);

/** The run asks for this many seconds' worth of requests, and is judged up to JUDGED_MS: busy throughout. */
const RUN_S = 16;
const JUDGED_MS = 12_000;
/** The learner is judged from this instant: what it admits after learning. */
const SETTLED_MS = 6000;
/**
 * The bound this test states: from 6 s on, at least this share of what a limiter told the true
 * limit admits on the same server (a burst of 1 makes the true rate itself out of reach with
 * millisecond timers, for any client).
 */
const CONVERGED_SHARE = 0.7;

interface Server {
  readonly rate: number;
  readonly burst: number;
  readonly limiter: 'bucket' | 'concurrency';
  readonly hint: HintStyle;
  readonly seed: number;
  /** For a concurrency cap: its slots and mean service time (the capacity is slots ÷ service). */
  readonly slots: number;
  readonly serviceMs: number;
}

const servers = fc.record({
  rate: fc.integer({ min: 4, max: 250 }),
  burst: fc.integer({ min: 1, max: 25 }),
  limiter: fc.constantFrom('bucket' as const, 'concurrency' as const),
  hint: fc.constantFrom<HintStyle>('none', 'retry-after', 'openai'),
  seed: fc.integer({ min: 1, max: 1000 }),
  slots: fc.integer({ min: 1, max: 12 }),
  // LLM calls take hundreds of ms; a cap with a 5 ms service is not a server one meets.
  serviceMs: fc.integer({ min: 50, max: 800 }),
});

/** The server's capacity, requests per second. */
const capacityOf = (s: Server): number => (s.limiter === 'concurrency' ? (s.slots * 1000) / s.serviceMs : s.rate);

/** Runs the default engine against the server for RUN_S seconds' worth of requests. */
async function run(server: Server, hint: HintStyle, oracle = false) {
  const capped = server.limiter === 'concurrency';
  const serviceMean = capped ? server.serviceMs : 20;
  return runScenario({
    requests: Math.round(capacityOf(server) * RUN_S),
    concurrency: 32,
    ratePerS: capacityOf(server),
    burst: server.burst,
    ...(capped && { maxConcurrent: server.slots }),
    serviceMs: [serviceMean * 0.8, serviceMean * 1.2],
    hint,
    seed: server.seed,
    ...(hint === 'openai' && { policy: perMinutePolicy }),
    stepMs: capacityOf(server) >= 100 ? 1 : 2,
    ...(oracle && {
      throttle: (clock) =>
        oracleThrottle(clock, { ratePerS: capacityOf(server), ...(capped && { slots: server.slots }) }),
    }),
  });
}

describe('the learner over random servers (virtual clock)', () => {
  test.prop([servers], { numRuns: 24 })(
    `from ${SETTLED_MS / 1000} s on it admits ≥ ${CONVERGED_SHARE} of what a limiter told the limit admits, and a hint never makes it worse than no hint`,
    async (server) => {
      const end = JUDGED_MS;
      const r = await run(server, server.hint);
      const admitted = okRate(r.server.arrivals, SETTLED_MS, end);
      const told = okRate((await run(server, server.hint, true)).server.arrivals, SETTLED_MS, end);
      expect(r.failed).toBe(0);
      // One success of slack: at 4 req/s a single success is 4 % of the window's count.
      const slack = 1000 / (end - SETTLED_MS);
      expect(admitted + slack).toBeGreaterThanOrEqual(CONVERGED_SHARE * told);
      // A hint never costs against no hint where it describes the limit that binds (the simulated
      // concurrency cap's headers describe a bucket it does not enforce).
      if (server.hint !== 'none' && server.limiter === 'bucket') {
        const bare = await run(server, 'none');
        const bareRate = okRate(bare.server.arrivals, SETTLED_MS, end);
        expect(admitted + slack).toBeGreaterThanOrEqual(0.95 * bareRate);
      }
    },
    120_000,
  );
});
