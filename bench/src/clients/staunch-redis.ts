import { createFetch } from '@staunch/fetch';
import { createRedisThrottle, fromNodeRedis } from '@staunch/redis';
import { createClient } from 'redis';
import { OPENAI_HINTS } from './staunch.js';
import { benchHeaders, CHAT_PATH, type ClientFactory } from './types.js';

/** Where the shared throttle's Redis is: set by bench/src/s6-redis.ts (or by hand for `--client staunch-redis`). */
export const REDIS_URL_ENV = 'STAUNCH_BENCH_REDIS_URL';
/** Reconnect quickly after a Redis restart; node-redis's default backs off up to 2 s. */
const RECONNECT_MS = 50;

/**
 * Staunch's drop-in fetch with its defaults, except the throttle: the Redis-shared one, so the
 * processes of a shared key learn and pace as one. Each run's provider listens on a new port,
 * so the base URL keys the run's state apart from earlier runs.
 */
export const staunchRedisClient: ClientFactory = (context) => {
  const url = process.env[REDIS_URL_ENV];
  if (url === undefined) throw new Error(`The staunch-redis client needs ${REDIS_URL_ENV} (redis://host:port).`);
  const redis = createClient({ url, socket: { reconnectStrategy: RECONNECT_MS, connectTimeout: 1000 } });
  redis.on('error', () => {});
  const connected = redis.connect();
  const throttle = createRedisThrottle({ client: fromNodeRedis(redis), keyPrefix: `bench:${context.baseUrl}:` });
  const fetch = createFetch({ throttle, ...(OPENAI_HINTS.has(context.hint) ? { policy: 'openai' as const } : {}) });
  return {
    async send(request) {
      await connected;
      const response = await fetch(`${context.baseUrl}${CHAT_PATH}`, {
        method: 'POST',
        headers: benchHeaders(context, request),
        body: request.body,
        signal: request.signal,
      });
      await response.arrayBuffer();
      return { ok: response.ok, status: response.status };
    },
    close() {
      void throttle.whenIdle().finally(() => redis.destroy());
    },
  };
};
