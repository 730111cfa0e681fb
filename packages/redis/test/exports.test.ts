import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly these runtime names', () => {
  expect(Object.keys(api).sort()).toMatchInlineSnapshot(`
    [
      "BREAKER_LUA",
      "DEFAULT_KEY_TTL_MS",
      "DEFAULT_LEASE_MS",
      "DEFAULT_PROBE_INTERVAL_MS",
      "DEFAULT_REDIS_TIMEOUT_MS",
      "DEFAULT_RELEASE_POLL_MS",
      "KEY_SCHEMA",
      "RedisUnavailableError",
      "THROTTLE_LUA",
      "createRedisBreakerShare",
      "createRedisThrottle",
      "fromIoredis",
      "fromNodeRedis",
      "isNoScriptError",
      "isRedisUnavailableError",
      "throttleFromBottleneck",
    ]
  `);
});
