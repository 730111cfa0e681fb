import { type MockProvider, startFaultServer, startMockProvider } from '@staunch/testing';
import { type BenchTarget, type Contender, senderFor } from './contenders.js';
import { closedLoop, openLoop } from './load.js';

/** What one run of a scenario measured. */
export interface FailoverRun {
  readonly scenario: string;
  readonly contender: Contender;
  readonly calls: number;
  readonly successes: number;
  /** Successes per second ÷ the capacity the healthy providers offered (or the load offered, if less). */
  readonly ratio: number;
  /** Calls that ended in anything but a success. */
  readonly lost: number;
  /** Requests the failing primary (or quota key, or channel-less gateway) received. */
  readonly primaryArrivals: number;
  /** Share of the provider's answers that were 429, for F3. */
  readonly share429: number | undefined;
  /** The same share from the second second on, once the throttle has learnt the keys, for F3. */
  readonly share429Learnt: number | undefined;
  /** For F4: the 99th percentile of call latency, ms, and requests beyond one per call, as a share. */
  readonly p99Ms?: number | undefined;
  readonly extraShare?: number | undefined;
}

export interface FailoverScenario {
  readonly id: string;
  readonly title: string;
  run(contender: Contender, quick: boolean): Promise<FailoverRun>;
}

const OFFERED_PER_S = 40;
const ok = (statuses: readonly number[]) => statuses.filter((s) => s >= 200 && s < 300).length;

function result(
  scenario: string,
  contender: Contender,
  statuses: readonly number[],
  capacity: number,
  primaryArrivals: number,
  share429?: number,
  share429Learnt?: number,
): FailoverRun {
  const successes = ok(statuses);
  return {
    scenario,
    contender,
    calls: statuses.length,
    successes,
    ratio: successes / capacity,
    lost: statuses.length - successes,
    primaryArrivals,
    share429,
    share429Learnt,
  };
}

async function healthy(): Promise<MockProvider> {
  return startMockProvider({ rate: 1000, serviceTimeMs: 5 });
}

const target = (name: string, baseURL: string, policy: string, keys?: readonly string[]): BenchTarget => ({
  name,
  baseURL,
  policy,
  ...(keys === undefined ? {} : { keys }),
});

export const FAILOVER_SCENARIOS: readonly FailoverScenario[] = [
  {
    id: 'F1',
    title: 'the primary answers 503 from 1 s to 4 s; the secondary is healthy (40 calls/s, open loop, 5 s)',
    async run(contender, quick) {
      const durationMs = quick ? 3_000 : 5_000;
      const primary = await startMockProvider({
        rate: 1000,
        serviceTimeMs: 5,
        outages: [{ fromMs: 1000, toMs: 4000, status: 503 }],
      });
      const secondary = await healthy();
      try {
        const send = senderFor(contender, [
          target('primary', `${primary.url}/v1`, 'openai'),
          target('secondary', `${secondary.url}/v1`, 'together', ['secondary-key']),
        ]);
        const statuses = await openLoop(send, OFFERED_PER_S, durationMs);
        const during = primary.stats().timeline.filter((e) => e.atMs >= 1000 && e.atMs < 4000).length;
        return result('F1', contender, statuses, Math.round((OFFERED_PER_S * durationMs) / 1000), during);
      } finally {
        await Promise.all([primary.close(), secondary.close()]);
      }
    },
  },
  {
    id: 'F2',
    title: 'the primary key is out of quota (429 insufficient_quota); the secondary is healthy (40 calls/s, 3 s)',
    async run(contender, quick) {
      const durationMs = quick ? 2_000 : 3_000;
      const fault = await startFaultServer();
      const secondary = await healthy();
      try {
        const body = JSON.stringify({
          error: { code: 'insufficient_quota', message: 'You exceeded your current quota' },
        });
        fault.script('quota', [{ status: 429, body, headers: { 'content-type': 'application/json' } }]);
        const send = senderFor(contender, [
          target('primary', `${fault.url}/s/quota/v1`, 'openai'),
          target('secondary', `${secondary.url}/v1`, 'together', ['secondary-key']),
        ]);
        const statuses = await openLoop(send, OFFERED_PER_S, durationMs);
        return result(
          'F2',
          contender,
          statuses,
          Math.round((OFFERED_PER_S * durationMs) / 1000),
          fault.arrivals('quota'),
        );
      } finally {
        await Promise.all([fault.close(), secondary.close()]);
      }
    },
  },
  {
    id: 'F3',
    title: 'three keys of one provider at 20 req/s each (60 req/s in all; 24 callers, closed loop, 6 s)',
    async run(contender, quick) {
      const durationMs = quick ? 3_000 : 6_000;
      const provider = await startMockProvider({
        rate: 20,
        burst: 5,
        hint: 'openai',
        headersOnSuccess: true,
        serviceTimeMs: 5,
      });
      try {
        const send = senderFor(contender, [target('openai', `${provider.url}/v1`, 'openai', ['k1', 'k2', 'k3'])]);
        const started = performance.now();
        const statuses = await closedLoop(send, 24, durationMs);
        const elapsedS = (performance.now() - started) / 1000;
        const stats = provider.stats();
        // Three keys' rate over the time the calls took, plus their full buckets at the start.
        const capacity = 60 * elapsedS + 3 * 5;
        const learnt = stats.timeline.filter((e) => e.atMs >= 1000);
        const learnt429 = learnt.filter((e) => e.status === 429).length / Math.max(1, learnt.length);
        return result(
          'F3',
          contender,
          statuses,
          capacity,
          0,
          stats.rateLimited / Math.max(1, stats.arrivals),
          learnt429,
        );
      } finally {
        await provider.close();
      }
    },
  },
  {
    id: 'F4',
    title:
      "10 % of the primary's answers take 3 s; the secondary is healthy (40 calls/s, 5 s; Staunch hedges after 300 ms)",
    async run(contender, quick) {
      const durationMs = quick ? 3_000 : 5_000;
      const primary = await startMockProvider({
        rate: 1000,
        serviceTimeMs: 5,
        faults: { slowRate: 0.1, slowMs: 3000 },
      });
      const secondary = await healthy();
      try {
        const send = senderFor(
          contender,
          [
            target('primary', `${primary.url}/v1`, 'openai'),
            target('secondary', `${secondary.url}/v1`, 'together', ['secondary-key']),
          ],
          { delayMs: 300 },
        );
        const latencies: number[] = [];
        const timed = async () => {
          const began = performance.now();
          const status = await send();
          latencies.push(performance.now() - began);
          return status;
        };
        const statuses = await openLoop(timed, OFFERED_PER_S, durationMs);
        latencies.sort((a, b) => a - b);
        const p99Ms = latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)];
        const arrivals = primary.stats().arrivals + secondary.stats().arrivals;
        const run = result('F4', contender, statuses, statuses.length, primary.stats().arrivals);
        return { ...run, p99Ms, extraShare: arrivals / statuses.length - 1 };
      } finally {
        await Promise.all([primary.close(), secondary.close()]);
      }
    },
  },
  {
    id: 'F5',
    title: 'the primary gateway has no channel for the model (new-api 503 model_not_found); 40 calls/s, 3 s',
    async run(contender, quick) {
      const durationMs = quick ? 2_000 : 3_000;
      const primary = await startMockProvider({ rate: 1000, models: ['another-model'], errorStyle: 'gateway' });
      const secondary = await healthy();
      try {
        const send = senderFor(contender, [
          target('gateway', `${primary.url}/v1`, '4allapi'),
          target('secondary', `${secondary.url}/v1`, 'together', ['secondary-key']),
        ]);
        const statuses = await openLoop(send, OFFERED_PER_S, durationMs);
        return result(
          'F5',
          contender,
          statuses,
          Math.round((OFFERED_PER_S * durationMs) / 1000),
          primary.stats().arrivals,
        );
      } finally {
        await Promise.all([primary.close(), secondary.close()]);
      }
    },
  },
];
