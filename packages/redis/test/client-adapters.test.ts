import { VirtualClock } from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { createRedisThrottle, fromIoredis, fromNodeRedis } from '../src/index.js';

// A client that knows it has no connection would only queue the throttle's command until it
// reconnects; the adapters say so, and the throttle falls back at once instead of after
// `redisTimeoutMs`.

const ONE = { requests: 1, tokens: 0 };
const never = () => new Promise<unknown>(() => {});

describe('the client adapters say when a command would only wait for a connection', () => {
  it('node-redis: open but not ready (connecting, reconnecting)', () => {
    const client = { evalSha: never, eval: never, isOpen: true, isReady: false };
    const adapted = fromNodeRedis(client);
    expect(adapted.connected?.()).toBe(false);
    client.isReady = true;
    expect(adapted.connected?.()).toBe(true);
    // Closed: the client rejects the command itself, at once.
    client.isOpen = false;
    client.isReady = false;
    expect(adapted.connected?.()).toBe(true);
  });

  it('ioredis: connecting, connect or reconnecting; a lazy client waiting for its first command is left alone', () => {
    const client = { evalsha: never, eval: never, status: 'reconnecting' };
    const adapted = fromIoredis(client);
    expect(adapted.connected?.()).toBe(false);
    for (const status of ['connecting', 'connect']) {
      client.status = status;
      expect(adapted.connected?.()).toBe(false);
    }
    for (const status of ['ready', 'wait', 'end']) {
      client.status = status;
      expect(adapted.connected?.()).toBe(true);
    }
  });

  it('the throttle decides on its fallback at once, without waiting for the timeout', async () => {
    const clock = new VirtualClock();
    const client = { evalSha: never, eval: never, isOpen: true, isReady: false };
    const throttle = createRedisThrottle({ client: fromNodeRedis(client), clock });
    await throttle.acquire('s', ONE);
    expect(throttle.degraded).toBe(true);
    expect(clock.now()).toBe(0);
  });
});
