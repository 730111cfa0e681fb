import { setMaxListeners } from 'node:events';
import { withChecks } from './clock-call.js';
import { loadClient } from './load-clients.js';
import { liveHeapMb, ONE_REQUEST, settleAll, tally, until, watchedThrottle } from './load-support.js';
import type { Case, CaseContext, Seen } from './row.js';

// H47, first half: 100 000 attempts wait on one key. The scope admits one attempt at a time
// (slow start with a window of 1) and that attempt hangs on the fault server, so every later
// call queues in the throttle. One abort then ends them all: each settles with the abort, the
// queue empties, the hung attempt's slot is released, and the heap goes back.
//
// Not all 100 000 go through the adapter: a queued call costs about 70 µs through fetch and
// 400 µs through ky or axios (measured, Node 20, loopback), so 100 000 per adapter would take
// about 12, 45 and 40 s. WAITERS_VIA_ADAPTER of them are the adapter's calls, spread through
// the queue; the rest wait on the same scope of the same throttle directly.
export const WAITERS = 100_000;
export const WAITERS_VIA_ADAPTER = 2_000;
/** Direct waiters share one abort signal per group (node's EventTarget scans its listener list on every add). */
const GROUP = 100;
const SETTLE_TIMEOUT_MS = 20_000;
/**
 * Live heap while everything waits: measured 100–120 MB (2 000 adapter calls at 5–8 KB each,
 * the rest about 1 KB each). Four times that means something held per waiter has grown.
 */
const MAX_HELD_MB = 512;
/** What may stay on the heap once everything settled (module caches, the fault server's records). */
const MAX_RESIDUE_MB = 64;

async function oneKeyWaiters({ adapter, id, servers }: CaseContext): Promise<Seen> {
  const { inner, throttle, scopes } = watchedThrottle({ maxQueue: WAITERS, tuning: { initialWindow: 1 } });
  const client = loadClient(adapter, { throttle, retryGate: false });
  servers.fault.script(id, [{ fault: 'hang' }]);
  const url = `${servers.fault.url}/s/${id}/v1/chat/completions`;
  const stop = new AbortController();
  setMaxListeners(WAITERS, stop.signal);
  const init = { headers: { authorization: 'Bearer sk-h47-one-key' }, signal: stop.signal };
  const reason = new Error('H47: the load is over');
  const heapBefore = liveHeapMb();
  const started = performance.now();

  const viaAdapter = [client.get(url, init)];
  const inFlight = await until(() => servers.fault.arrivals(id) === 1 && scopes.size === 1, 5_000);
  const scope = [...scopes][0] ?? '';
  const direct: Promise<string>[] = [];
  let group = new AbortController();
  const every = Math.round(WAITERS / WAITERS_VIA_ADAPTER);
  for (let index = 1; index < WAITERS; index++) {
    if (index % every === 0) {
      viaAdapter.push(client.get(url, init));
      continue;
    }
    if (direct.length % GROUP === 0) {
      const controller = new AbortController();
      setMaxListeners(GROUP + 1, controller.signal);
      stop.signal.addEventListener('abort', () => controller.abort(stop.signal.reason), { once: true });
      group = controller;
    }
    direct.push(
      inner.acquire(scope, ONE_REQUEST, group.signal).then(
        () => 'granted',
        (error: unknown) => (error === reason ? 'Aborted' : `rejected: ${String(error)}`),
      ),
    );
  }
  const allQueued = await until(() => inner.queued(scope) === WAITERS - 1, SETTLE_TIMEOUT_MS);
  const heapHeld = liveHeapMb();
  stop.abort(reason);
  const adapterSide = await settleAll(viaAdapter, SETTLE_TIMEOUT_MS);
  const throttleSide = await settleAll(direct, SETTLE_TIMEOUT_MS);
  const heapAfter = liveHeapMb();
  console.log(
    `H47 one key, ${adapter}: ${WAITERS} waiters (${viaAdapter.length} via the adapter), heap ${heapBefore} MB → ${heapHeld} MB while queued → ${heapAfter} MB after, ${Math.round(performance.now() - started)} ms`,
  );
  const state = inner.inspect(scope);
  const checks = {
    'first attempt in flight': inFlight,
    [`${WAITERS - 1} queued`]: allQueued,
    'none lost': adapterSide.lost + throttleSide.lost === 0,
    'queue empty': inner.queued(scope) === 0,
    'slot released': state?.inflight === 0,
    [`held under ${MAX_HELD_MB} MB`]: heapHeld - heapBefore < MAX_HELD_MB,
    [`heap back within ${MAX_RESIDUE_MB} MB`]: heapAfter - heapBefore < MAX_RESIDUE_MB,
  };
  const outcomes = [
    ...tally(adapterSide.values).map((t) => `via the adapter: ${t}`),
    ...tally(throttleSide.values).map((t) => `direct: ${t}`),
  ];
  return { arrivals: servers.fault.arrivals(id), outcomes: [withChecks(outcomes.join(', '), checks)] };
}

export const ONE_KEY_CASES: readonly Case[] = [
  {
    name: `${WAITERS} waiters on one key, one abort`,
    run: oneKeyWaiters,
    expect: {
      arrivals: 1,
      outcome: `via the adapter: ${WAITERS_VIA_ADAPTER} × Aborted, direct: ${WAITERS - WAITERS_VIA_ADAPTER} × Aborted`,
    },
  },
];
