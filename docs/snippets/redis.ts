// Type-checked in CI (`pnpm typecheck`); docs/redis.md quotes it.
import { createFetch } from '@staunch/fetch';
import { createRedisThrottle, fromIoredis, fromNodeRedis } from '@staunch/redis';
import { Redis } from 'ioredis';
import { createClient } from 'redis';

// node-redis: reconnect fast, so the shared state is back within a second of Redis returning.
const redis = await createClient({
  url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  socket: { reconnectStrategy: () => 50 },
}).connect();
const throttle = createRedisThrottle({ client: fromNodeRedis(redis), keyPrefix: 'myapp:' });
export const fetchShared = createFetch({ policy: 'openai', throttle });

// ioredis works the same way.
const io = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { retryStrategy: () => 50 });
export const fetchViaIoredis = createFetch({
  policy: 'together',
  throttle: createRedisThrottle({ client: fromIoredis(io), onRedisError: 'fail-closed', redisTimeoutMs: 100 }),
});
