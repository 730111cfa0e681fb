import { getEventListeners } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isStaunchError, seededRandom } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { startFaultServer } from '@staunch/testing';
import { type FaultKindInMix, pickFault, stepsFor } from './fault-mix.js';

export interface SoakOptions {
  readonly requests: number;
  readonly concurrency: number;
  readonly seed: number;
  /** Engine defaults (adaptive throttle, outage gate) or both off. */
  readonly defaults: boolean;
}

export interface SoakFigures {
  readonly requests: number;
  readonly concurrency: number;
  readonly settled: number;
  readonly settledTwice: number;
  readonly lost: number;
  readonly ok: number;
  /** Calls whose body broke after the response was returned (truncated bodies): expected, typed. */
  readonly bodyErrors: number;
  readonly failed: number;
  /** Failed calls whose error is neither a Staunch error nor fetch's own TypeError. */
  readonly untyped: number;
  readonly faulted: number;
  readonly attempts: number;
  readonly maxAttemptsPerCall: number;
  readonly unhandledRejections: number;
  readonly signalListenersAfter: number;
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  readonly wallMs: number;
  /** Event-loop delay over the run (client and server share the loop), ms. */
  readonly loopDelayP50Ms: number;
  readonly loopDelayP99Ms: number;
  readonly loopDelayMaxMs: number;
  /** Failed calls in each quarter of the run, in call order (does failing grow with the heap?). */
  readonly failedByQuarter: string;
  /** From a call's start to its first request head reaching the server, ms: p50 and p99 over all calls, p50 over failed ones. */
  readonly firstArrivalP50Ms: number;
  readonly firstArrivalP99Ms: number;
  readonly failedFirstArrivalP50Ms: number;
  readonly byFault: Readonly<Record<string, number>>;
  /** Failed calls by fault kind and error, for diagnosis. */
  readonly failures: Readonly<Record<string, number>>;
}

export const SOAK_MAX_ATTEMPTS = 3;
const POLICY = {
  maxAttempts: SOAK_MAX_ATTEMPTS,
  attemptTimeoutMs: 1000,
  timeoutMs: 10_000,
  backoff: { baseMs: 1, capMs: 20 },
};

/** Runs the soak on a loopback fault server and returns its figures. */
export async function driveSoak(options: SoakOptions): Promise<SoakFigures> {
  const server = await startFaultServer();
  const random = seededRandom(options.seed);
  let unhandled = 0;
  const onUnhandled = (): void => void unhandled++;
  process.on('unhandledRejection', onUnhandled);
  // One signal shared by every call (§9.2 H49): its listeners must return to zero.
  const shared = new AbortController();
  const staunchFetch = createFetch({
    policy: POLICY,
    ...(options.defaults ? {} : { throttle: false, retryGate: false }),
  });
  const settledCount = new Uint8Array(options.requests);
  const kinds: FaultKindInMix[] = [];
  const tally = { ok: 0, bodyErrors: 0, failed: 0, untyped: 0 };
  const failures: Record<string, number> = {};
  const failedAt: number[] = [];
  const startedAt = new Float64Array(options.requests);
  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const started = performance.now();
  let next = 0;
  async function worker(): Promise<void> {
    while (next < options.requests) {
      const index = next++;
      const kind = pickFault(random);
      kinds[index] = kind;
      server.script(`c${index}`, stepsFor(kind, random));
      startedAt[index] = performance.now();
      await staunchFetch(`${server.url}/s/c${index}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-soak' },
        body: '{"model":"soak","messages":[]}',
        signal: shared.signal,
      })
        .then(async (response) => {
          const read = await response.arrayBuffer().then(
            () => true,
            () => false,
          );
          if (read) tally.ok++;
          else tally.bodyErrors++;
        })
        .catch((error: unknown) => {
          tally.failed++;
          failedAt.push(index);
          // Drop-in mode rethrows a final transport failure as fetch's own TypeError; anything else is untyped.
          if (!isStaunchError(error) && !(error instanceof TypeError)) tally.untyped++;
          const key = `${kind}: ${error instanceof Error ? `${error.name} ${error.message.slice(0, 60)}` : String(error)}`;
          failures[key] = (failures[key] ?? 0) + 1;
        })
        .finally(() => {
          settledCount[index] = (settledCount[index] ?? 0) + 1;
        });
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const wallMs = performance.now() - started;
  loop.disable();
  const quarter = options.requests / 4;
  const quarters = [0, 1, 2, 3].map((q) => failedAt.filter((i) => i >= q * quarter && i < (q + 1) * quarter).length);
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  let attempts = 0;
  let maxAttemptsPerCall = 0;
  const firstArrival: number[] = [];
  // One pass over the records (requests(id) scans them all): the first arrival per call.
  const firstSeen = new Map<string, number>();
  for (const record of server.requests()) if (!firstSeen.has(record.id)) firstSeen.set(record.id, record.receivedAt);
  for (let i = 0; i < options.requests; i++) {
    const arrivals = server.arrivals(`c${i}`);
    attempts += arrivals;
    maxAttemptsPerCall = Math.max(maxAttemptsPerCall, arrivals);
    firstArrival[i] = (firstSeen.get(`c${i}`) ?? Number.NaN) - (startedAt[i] ?? 0);
  }
  const failedFirst = failedAt.map((i) => firstArrival[i] ?? Number.NaN);
  await server.close();
  // Let any late rejection surface before counting.
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onUnhandled);
  const byFault: Record<string, number> = {};
  for (const kind of kinds) byFault[kind] = (byFault[kind] ?? 0) + 1;
  const settled = settledCount.filter((n) => n >= 1).length;
  return {
    requests: options.requests,
    concurrency: options.concurrency,
    settled,
    settledTwice: settledCount.filter((n) => n > 1).length,
    lost: options.requests - settled,
    ...tally,
    faulted: options.requests - (byFault.ok ?? 0),
    attempts,
    maxAttemptsPerCall,
    unhandledRejections: unhandled,
    signalListenersAfter: getEventListeners(shared.signal, 'abort').length,
    heapBeforeMb: round(heapBefore),
    heapAfterMb: round(heapAfter),
    wallMs: Math.round(wallMs),
    loopDelayP50Ms: Math.round(loop.percentile(50) / 1e6),
    loopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
    loopDelayMaxMs: Math.round(loop.max / 1e6),
    failedByQuarter: quarters.join(' / '),
    firstArrivalP50Ms: percentile(firstArrival, 0.5),
    firstArrivalP99Ms: percentile(firstArrival, 0.99),
    failedFirstArrivalP50Ms: percentile(failedFirst, 0.5),
    byFault,
    failures,
  };
}

function percentile(values: readonly number[], q: number): number {
  const known = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return known.length === 0
    ? Number.NaN
    : Math.round(known[Math.min(known.length - 1, Math.floor(q * known.length))] ?? 0);
}

function round(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

/** A full collection when the runner exposes one (vitest.config.ts passes --expose-gc), so heap figures are live data, not garbage. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
