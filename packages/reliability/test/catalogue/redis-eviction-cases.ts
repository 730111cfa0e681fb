import { evictUnderMemoryPressure } from './redis-faults.js';
import {
  call,
  calls,
  connectRedis,
  keyOf,
  phase,
  scripted,
  sharedRedisUrl,
  sleep,
  uniquePrefix,
} from './redis-harness.js';
import { withPrivateRedis } from './redis-server.js';
import type { CaseContext, Seen } from './row.js';

// Row I51, second half: Redis evicts the limiter's key under maxmemory (allkeys-lru) while a
// call holds a slot. A redis-server of the case's own: the others' keys would go too.

/** The server answers the second call this late, so the eviction lands while it is in flight. */
const IN_FLIGHT_MS = 400;

export const evictedMidCall = (context: CaseContext): Promise<Seen> =>
  withPrivateRedis(async (server) => {
    sharedRedisUrl(); // Group I runs only where the test run has Redis (and must under CI).
    const client = await connectRedis(server.url);
    const prefix = uniquePrefix(context);
    const throttle = client.throttle(prefix, { onRedisError: 'fail-closed' });
    const url = scripted(context, [{ status: 200 }, { status: 200, delayMs: IN_FLIGHT_MS }, { status: 200 }]);
    try {
      const before = await call(context, url, { throttle });
      const key = keyOf(prefix, before.scope ?? '');
      await throttle.whenIdle();
      const held = call(context, url, { throttle });
      while (context.servers.fault.arrivals(context.id) < 2) await sleep(5);
      const evicted = await evictUnderMemoryPressure(client.redis, key);
      const during = await held;
      await throttle.whenIdle();
      // A record for a scope Redis no longer holds changes nothing: no negative or stuck count.
      const gone = (await throttle.inspect(before.scope ?? '')) === undefined;
      const after = await calls(2, () => call(context, url, { throttle }));
      await throttle.whenIdle();
      const state = await throttle.inspect(before.scope ?? '');
      const rebuilt =
        state === undefined ? 'no state' : `state rebuilt: ${state.successes} successes, inflight ${state.inflight}`;
      return {
        arrivals: context.servers.fault.arrivals(context.id),
        outcomes: [
          phase('before', [before]),
          `${evicted > 0 && gone ? 'evicted' : 'not evicted'} mid-call: ${during.outcome}`,
          phase('after', after),
          `${throttle.degraded ? 'degraded' : 'not degraded'}, ${rebuilt}`,
        ],
      };
    } finally {
      await throttle.whenIdle();
      await client.close();
    }
  });
