import { DEFAULT_IDLE_EVICT_MS, VirtualClock } from '@staunch/core';
import { withChecks } from './clock-call.js';
import { loadClient } from './load-clients.js';
import { liveHeapMb, ONE_REQUEST, pool, SUCCESS, tally, watchedThrottle } from './load-support.js';
import type { Case, CaseContext, Seen } from './row.js';

// H47, second half: 100 000 distinct keys, so 100 000 throttle scopes. A scope with nothing
// queued or in flight for `idleEvictMs` (default 10 min) is forgotten. The keys come in ten
// rounds; between rounds the throttle's virtual clock moves on by the default idle time, so the
// map never holds more than one round's scopes, and at the end only the newest.
//
// As in load-one-key.ts, a part of the keys go through the adapter (each call a new API key),
// the rest acquire and record on the throttle directly. The adapter's calls are answered by
// the fault server, one script for all.
export const KEYS = 100_000;
const ROUNDS = 10;
export const KEYS_VIA_ADAPTER = 1_000;
const CONCURRENCY = 64;
const PER_ROUND = KEYS / ROUNDS;
const MAX_RESIDUE_MB = 64;

async function distinctKeys({ adapter, id, servers }: CaseContext): Promise<Seen> {
  const clock = new VirtualClock();
  const { inner, throttle, scopes } = watchedThrottle({ clock });
  const client = loadClient(adapter, { throttle, retryGate: false });
  servers.fault.script(id, [{ status: 200 }]);
  const url = `${servers.fault.url}/s/${id}/v1/chat/completions`;
  const viaAdapterPerRound = KEYS_VIA_ADAPTER / ROUNDS;
  const heapBefore = liveHeapMb();
  const started = performance.now();
  const outcomes: string[] = [];
  let peak = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const answers = await pool(viaAdapterPerRound, CONCURRENCY, (index) =>
      client.get(url, { headers: { authorization: `Bearer sk-h47-${round}-${index}` } }),
    );
    outcomes.push(...answers);
    for (let index = viaAdapterPerRound; index < PER_ROUND; index++) {
      const scope = `h47:direct-${round}-${index}`;
      // A fresh scope grants at once (slow start), so the attempt can be recorded straight away.
      void inner.acquire(scope, ONE_REQUEST);
      inner.record(scope, SUCCESS);
    }
    peak = Math.max(peak, inner.scopes);
    await clock.advance(DEFAULT_IDLE_EVICT_MS);
  }
  // The next acquire sweeps: every scope of the last round has been idle long enough.
  void inner.acquire('h47:last', ONE_REQUEST);
  inner.record('h47:last', SUCCESS);
  const heapAfter = liveHeapMb();
  console.log(
    `H47 distinct keys, ${adapter}: ${KEYS} scopes (${scopes.size} via the adapter), at most ${peak} held, ${inner.scopes} at the end, heap ${heapBefore} MB → ${heapAfter} MB, ${Math.round(performance.now() - started)} ms`,
  );
  const checks = {
    'a scope per key via the adapter': scopes.size === KEYS_VIA_ADAPTER,
    [`at most ${PER_ROUND} scopes held`]: peak <= PER_ROUND,
    'one scope left': inner.scopes === 1,
    "the adapter's scopes forgotten": [...scopes].every((scope) => inner.inspect(scope) === undefined),
    [`heap back within ${MAX_RESIDUE_MB} MB`]: heapAfter - heapBefore < MAX_RESIDUE_MB,
  };
  return { arrivals: servers.fault.arrivals(id), outcomes: [withChecks(tally(outcomes).join(', '), checks)] };
}

export const DISTINCT_KEYS_CASES: readonly Case[] = [
  {
    name: `${KEYS} distinct keys, idle scopes evicted`,
    run: distinctKeys,
    expect: { arrivals: KEYS_VIA_ADAPTER, outcome: `${KEYS_VIA_ADAPTER} × 200` },
  },
];
