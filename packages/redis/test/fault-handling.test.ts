import { flushMicrotasks, isQueueFullError, VirtualClock } from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { createRedisThrottle, isRedisUnavailableError } from '../src/index.js';
import { scriptedClient } from './support/scripted-client.js';

// Redis errors, silence and recovery, on a fake client and virtual time: every decision within
// `redisTimeoutMs`, the configured fallback, and Redis again once a probe answers.

const ONE = { requests: 1, tokens: 0 };
const SUCCESS = {
  cost: ONE,
  reason: undefined,
  status: 200,
  retryAfterMs: undefined,
  rateLimits: [],
  cancelled: false,
};
const outcome = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'granted',
    (error) => error,
  );

describe('the shared throttle when Redis fails', () => {
  it('fail-closed: a silent Redis rejects the waiting call at the timeout, later calls at once', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    const throttle = createRedisThrottle({ client, clock, onRedisError: 'fail-closed', redisTimeoutMs: 250 });
    client.mode = 'hang';
    let decided: unknown;
    void outcome(throttle.acquire('s', ONE)).then((result) => {
      decided = result;
    });
    await clock.advance(249);
    expect(decided).toBeUndefined();
    await clock.advance(1);
    expect(isRedisUnavailableError(decided)).toBe(true);
    expect((decided as Error).message).toContain("onRedisError is 'fail-closed'");
    expect(throttle.degraded).toBe(true);
    const next = await outcome(throttle.acquire('s', ONE));
    expect(isRedisUnavailableError(next)).toBe(true);
  });

  it('fail-open: errors hand every waiter to the local throttle, and its records go back to it', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    const fallbackCalls: string[] = [];
    const fallback = {
      acquire: async () => {
        fallbackCalls.push('acquire');
      },
      record: () => {
        fallbackCalls.push('record');
      },
    };
    const throttle = createRedisThrottle({ client, clock, fallback });
    client.mode = 'error';
    expect(await outcome(throttle.acquire('s', ONE))).toBe('granted');
    expect(await outcome(throttle.acquire('s', ONE))).toBe('granted');
    throttle.record('s', SUCCESS);
    expect(fallbackCalls).toEqual(['acquire', 'acquire', 'record']);
    // Only the first call went to Redis: once it failed, decisions skip it until a probe is due.
    expect(client.ops).toEqual(['a']);
  });

  it('probes read-only at most once per interval, and returns to Redis after one answers', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    const throttle = createRedisThrottle({ client, clock, probeIntervalMs: 200 });
    client.mode = 'error';
    await throttle.acquire('s', ONE);
    throttle.record('s', SUCCESS);
    for (let i = 0; i < 10; i++) {
      await throttle.acquire('s', ONE);
      throttle.record('s', SUCCESS);
      await clock.advance(50);
    }
    expect(client.ops.filter((op) => op === 'p').length).toBe(2);
    expect(client.ops.filter((op) => op === 'a').length).toBe(1);
    client.mode = 'answer';
    await clock.advance(200);
    await throttle.acquire('s', ONE);
    await flushMicrotasks();
    expect(throttle.degraded).toBe(false);
    await throttle.acquire('s', ONE);
    expect(client.ops.at(-1)).toBe('a');
  });

  it('hands back a grant whose reply came after the timeout', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    const throttle = createRedisThrottle({ client, clock, onRedisError: 'fail-closed' });
    client.mode = 'hang';
    const late = outcome(throttle.acquire('s', ONE));
    await clock.advance(250);
    expect(isRedisUnavailableError(await late)).toBe(true);
    client.mode = 'answer';
    client.answerHung();
    await flushMicrotasks();
    // The acquire Redis granted too late is released with a cancelled record.
    expect(client.ops).toEqual(['a', 'r']);
  });

  it('an abort while the question is with Redis releases the grant it brings back', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    const throttle = createRedisThrottle({ client, clock });
    client.mode = 'hang';
    const controller = new AbortController();
    const pending = outcome(throttle.acquire('s', ONE, controller.signal));
    controller.abort(new Error('stop'));
    expect(await pending).toMatchObject({ message: 'stop' });
    expect(throttle.queued('s')).toBe(0);
    client.mode = 'answer';
    client.answerHung();
    await flushMicrotasks();
    expect(client.ops).toEqual(['a', 'r']);
  });

  it('bounds the local queue: one more than maxQueue behind the head gets QueueFullError at once', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    const throttle = createRedisThrottle({ client, clock, maxQueue: 2 });
    client.mode = 'hang';
    const waiting = [throttle.acquire('s', ONE), throttle.acquire('s', ONE), throttle.acquire('s', ONE)];
    expect(throttle.queued('s')).toBe(3);
    expect(isQueueFullError(await outcome(throttle.acquire('s', ONE)))).toBe(true);
    client.mode = 'answer';
    client.answerHung();
    await Promise.all(waiting);
  });

  it('rejects options with messages naming the field and the fix', () => {
    const client = scriptedClient();
    expect(() => createRedisThrottle({ client: {} as never })).toThrow(/client: expected a script client/);
    expect(() => createRedisThrottle({ client, redisTimeoutMs: 0 })).toThrow(/redisTimeoutMs: .*Use e.g. 250/);
    expect(() => createRedisThrottle({ client, onRedisError: 'open' as never })).toThrow(/onRedisError/);
    expect(() => createRedisThrottle({ client, leaseMs: 1 })).toThrow(/leaseMs: .*Use e.g. 3000/);
  });
});
