import { KEY_SCHEMA } from '@staunch/redis';
import {
  call,
  calls,
  connectRedis,
  deletePrefix,
  phase,
  type RedisClient,
  scripted,
  sharedRedisUrl,
  uniquePrefix,
} from './redis-harness.js';
import type { CaseContext, Seen } from './row.js';

// Row I53: other library versions keep their state beside this one's, under the same prefix and
// scope; the schema version in the key (`staunch:v1:throttle:`) keeps them apart.

/** A call held this long was held by the planted v2 pause (a minute), not by a busy machine. */
const HELD_MS = 5000;

/** Keys another version might hold for the same scope, each of a layout v1 must never read. */
function otherVersions(prefix: string, scope: string) {
  const v2 = `${prefix}${KEY_SCHEMA.replace(':v1:', ':v2:')}${scope}`;
  const v0 = `${prefix}${KEY_SCHEMA.replace(':v1:', ':v0:')}${scope}`;
  const unversioned = `${prefix}${KEY_SCHEMA.replace(':v1:', ':')}${scope}`;
  return {
    /** A future layout that, misread as v1, would hold every call for a minute. */
    plant: async (redis: RedisClient) => {
      await redis.hSet(v2, { layout: 'v2', pausedUntil: String(Date.now() + 60_000), inflight: '1000', window: '0' });
      await redis.set(v0, 'v0 state');
      await redis.rPush(unversioned, ['an', 'older', 'layout']);
    },
    snapshot: async (redis: RedisClient) =>
      JSON.stringify([await redis.hGetAll(v2), await redis.get(v0), await redis.lRange(unversioned, 0, -1)]),
  };
}

export const twoVersions = async (context: CaseContext): Promise<Seen> => {
  const client = await connectRedis(sharedRedisUrl());
  const prefix = uniquePrefix(context);
  const url = scripted(context, [{ status: 200 }]);
  try {
    // The scope the adapter computes for this request (one call without a throttle).
    let scope = '';
    await context.send({
      url,
      events: (events) => {
        events.onAttempt((attempt) => {
          scope = attempt.scope;
        });
      },
    });
    const others = otherVersions(prefix, scope);
    await others.plant(client.redis);
    const planted = await others.snapshot(client.redis);
    const throttle = client.throttle(prefix, { onRedisError: 'fail-closed' });
    const made = await calls(3, () => call(context, url, { throttle }));
    await throttle.whenIdle();
    const state = await throttle.inspect(scope);
    const untouched = (await others.snapshot(client.redis)) === planted;
    return {
      arrivals: context.servers.fault.arrivals(context.id),
      outcomes: [
        phase('v1 beside v0, v2 and unversioned keys', made),
        made.every((c) => c.decidedMs < HELD_MS) ? 'not held by the v2 pause' : 'held',
        `v1 state: ${state?.successes ?? 'none'} successes`,
        untouched ? "other versions' keys untouched" : "other versions' keys changed",
      ],
    };
  } finally {
    await deletePrefix(client.redis, prefix);
    await client.close();
  }
};
