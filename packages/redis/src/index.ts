// The public surface of @staunch/redis. Every export is listed by hand; a test snapshots the names.

export {
  type BottleneckLike,
  type BottleneckThrottle,
  type BottleneckThrottleOptions,
  throttleFromBottleneck,
} from './bottleneck/throttle-from-bottleneck.js';
export { BREAKER_LUA } from './breaker/breaker-lua.js';
export {
  createRedisBreakerShare,
  type RedisBreakerShare,
  type RedisBreakerShareOptions,
  type SharedBreakerCause,
  type SharedBreakerWord,
} from './breaker/redis-breaker-share.js';
export { fromIoredis, type IoredisLike } from './client/from-ioredis.js';
export { fromNodeRedis, type NodeRedisLike } from './client/from-node-redis.js';
export { isNoScriptError, type ScriptClient } from './client/script-client.js';
export { isRedisUnavailableError, RedisUnavailableError } from './redis-unavailable-error.js';
export { THROTTLE_LUA } from './script/throttle-lua.js';
export { createRedisThrottle } from './throttle/create-redis-throttle.js';
export type { RedisThrottle } from './throttle/redis-throttle.js';
export {
  DEFAULT_KEY_TTL_MS,
  DEFAULT_LEASE_MS,
  DEFAULT_PROBE_INTERVAL_MS,
  DEFAULT_REDIS_TIMEOUT_MS,
  DEFAULT_RELEASE_POLL_MS,
  KEY_SCHEMA,
  type RedisErrorMode,
  type RedisThrottleOptions,
} from './throttle/redis-throttle-options.js';
