import { getEventListeners } from 'node:events';
import { withChecks } from './clock-call.js';
import { loadClient } from './load-clients.js';
import { pool, tally } from './load-support.js';
import type { Case, CaseContext, Seen } from './row.js';

// H49: 10 000 calls at concurrency 64 through one client (engine defaults: adaptive throttle,
// outage gate) share one AbortSignal; every fourth is answered 503 first and retried. Every
// call ends with 200; the signal carries no listener during the run or after; aborting it
// afterwards changes nothing (no attempt, no event, no arrival, no unhandled rejection).
//
// One call in ten goes to the loopback fault server, so the real transports (undici, axios's
// http adapter) are in the run; the others are answered inside the process (load-clients.ts):
// 10 000 loopback calls per adapter take 10–15 s here. The PR soak (test/soak) sends all 10 000
// over loopback, through fetch alone.
export const CALLS = 10_000;
const CONCURRENCY = 64;
const RETRIED_EVERY = 4;
const LOOPBACK_EVERY = 10;
const SAMPLE_EVERY = 100;
/** Time for anything the late abort might still set off. */
const QUIET_MS = 50;
const IN_PROCESS = 'http://in-process.invalid/h49';

/** A script for the calls answered in the process: a call whose URL ends in `/retry` gets 503 first. */
function inProcessScript(): { answer: (url: string) => number | undefined; arrivals: () => number } {
  const seen = new Map<string, number>();
  let arrivals = 0;
  const answer = (url: string): number | undefined => {
    if (!url.startsWith(IN_PROCESS)) return undefined;
    arrivals++;
    const attempt = (seen.get(url) ?? 0) + 1;
    seen.set(url, attempt);
    return attempt === 1 && url.endsWith('/retry') ? 503 : 200;
  };
  return { answer, arrivals: () => arrivals };
}

async function sharedSignal({ adapter, id, servers }: CaseContext): Promise<Seen> {
  const script = inProcessScript();
  const client = loadClient(adapter, { inProcess: script.answer });
  const shared = new AbortController();
  let events = 0;
  for (const on of [client.events.onAttempt, client.events.onRetry, client.events.onGiveUp, client.events.onSuccess]) {
    on(() => void events++);
  }
  let unhandled = 0;
  const onUnhandled = (): void => void unhandled++;
  process.on('unhandledRejection', onUnhandled);
  const loopbackIds: string[] = [];
  let loopbackExpected = 0;
  let peakListeners = 0;
  const started = performance.now();
  try {
    const outcomes = await pool(CALLS, CONCURRENCY, (index) => {
      const retried = index % RETRIED_EVERY === 0;
      if (index % SAMPLE_EVERY === 0)
        peakListeners = Math.max(peakListeners, getEventListeners(shared.signal, 'abort').length);
      let url = `${IN_PROCESS}/${index}/${retried ? 'retry' : 'ok'}`;
      if (index % LOOPBACK_EVERY === 0) {
        const scriptId = `${id}-${index}`;
        loopbackIds.push(scriptId);
        loopbackExpected += retried ? 2 : 1;
        servers.fault.script(scriptId, retried ? [{ status: 503 }, { status: 200 }] : [{ status: 200 }]);
        url = `${servers.fault.url}/s/${scriptId}/v1/chat/completions`;
      }
      return client.get(url, { signal: shared.signal });
    });
    const wallMs = Math.round(performance.now() - started);
    const onLoopback = () => loopbackIds.reduce((sum, scriptId) => sum + servers.fault.arrivals(scriptId), 0);
    const arrivals = () => script.arrivals() + onLoopback();
    const listenersAfter = getEventListeners(shared.signal, 'abort').length;
    const before = { events, arrivals: arrivals() };
    shared.abort(new Error('H49: aborted after every call ended'));
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    console.log(
      `H49 ${adapter}: ${CALLS} calls (${loopbackIds.length} over loopback) in ${wallMs} ms, ${before.arrivals} arrivals (${onLoopback()} on loopback), at most ${peakListeners} listeners on the shared signal, ${listenersAfter} after`,
    );
    const checks = {
      'no listener on the signal during the run': peakListeners === 0,
      'none after': listenersAfter === 0,
      [`${loopbackExpected} arrivals on loopback`]: onLoopback() === loopbackExpected,
      'nothing after the late abort': events === before.events && arrivals() === before.arrivals,
      'no unhandled rejection': unhandled === 0,
    };
    return { arrivals: before.arrivals, outcomes: [withChecks(tally(outcomes).join(', '), checks)] };
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
}

export const SHARED_SIGNAL_CASES: readonly Case[] = [
  {
    name: `${CALLS} calls on one signal, a quarter retried`,
    run: sharedSignal,
    expect: { arrivals: CALLS + CALLS / RETRIED_EVERY, outcome: `${CALLS} × 200` },
  },
];
