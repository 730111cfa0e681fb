import { type Clock, systemClock } from '@staunch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisThrottle, KEY_SCHEMA } from '../src/index.js';
import { CLIENT_KINDS, type TestClient } from './support/clients.js';
import { countingClient } from './support/counting-client.js';
import { feedback, toldRate } from './support/feedback.js';
import { testRedis, uniquePrefix } from './support/test-redis.js';
import { settleWhile, TrackedClock } from './support/tracked-clock.js';

const ONE = { requests: 1, tokens: 0 };
/** The real clock, read `offsetMs` off (a host whose clock is wrong). */
const skewed = (offsetMs: number): Clock => ({
  ...systemClock,
  now: () => systemClock.now() + offsetMs,
  wallNow: () => systemClock.wallNow() + offsetMs,
});

const redis = await testRedis();
afterAll(() => redis?.close());

describe.skipIf(redis === undefined).each(CLIENT_KINDS)('state shared through Redis ($name)', (kind) => {
  let client: TestClient;
  let other: TestClient;
  const prefix = uniquePrefix(`shared-${kind.name}`);
  beforeAll(async () => {
    client = await kind.connect(redis?.url ?? '');
    other = await kind.connect(redis?.url ?? '');
  });
  afterAll(async () => {
    await client.flush(prefix);
    await client.close();
    await other.close();
  });
  const pttl = (key: string) => client.script.eval("return redis.call('PTTL', KEYS[1])", [key], []);

  it('keeps one hash per scope under the versioned key, expiring after keyTtlMs idle', async () => {
    const throttle = createRedisThrottle({ client: client.script, keyPrefix: prefix, keyTtlMs: 5000 });
    await throttle.acquire('openai:k:m', ONE);
    const key = `${prefix}${KEY_SCHEMA}openai:k:m`;
    expect(key).toContain('staunch:v1:throttle:');
    const ttl = Number(await pttl(key));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
    expect(await throttle.inspect('openai:k:m')).toMatchObject({ inflight: 1, window: 8, phase: 0 });
  });

  it('a record for a scope Redis no longer holds changes nothing (expired, or Redis restarted)', async () => {
    const throttle = createRedisThrottle({ client: client.script, keyPrefix: prefix });
    throttle.record('never-acquired', feedback('rate-limit'));
    await throttle.whenIdle();
    expect(await throttle.inspect('never-acquired')).toBeUndefined();
    expect(throttle.degraded).toBe(false);
  });

  it('reloads the script after the cache is flushed (NOSCRIPT → EVAL), without degrading', async () => {
    const throttle = createRedisThrottle({ client: client.script, keyPrefix: prefix });
    await throttle.acquire('flush', ONE);
    await client.flushScripts();
    await throttle.acquire('flush', ONE);
    expect(throttle.degraded).toBe(false);
    expect(await throttle.inspect('flush')).toMatchObject({ inflight: 2 });
  });

  it('a 429 seen by one process slows the other: one learned rate, one bucket', async () => {
    const clock = new TrackedClock();
    const a = countingClient(client.script);
    const b = countingClient(other.script);
    const options = { keyPrefix: prefix, clock, timeSource: 'clock' as const };
    const first = createRedisThrottle({ ...options, client: a });
    const second = createRedisThrottle({ ...options, client: b });
    const settle = () => settleWhile(() => a.pending + b.pending);
    // Slow start on the first process: 8 successes in 100 ms, then a 429 → ramp from 8 / 0.2 s.
    for (let i = 0; i < 8; i++) await first.acquire('learn', ONE);
    await clock.advance(100, settle);
    for (let i = 0; i < 7; i++) first.record('learn', feedback(undefined));
    first.record('learn', feedback('rate-limit'));
    await settle();
    const learned = await second.inspect('learn');
    expect(learned).toMatchObject({ phase: 1, rate: 35, level: 0 });
    // The second process never saw a 429, yet its first attempt waits for the shared bucket: 1 / 35 s.
    let granted = false;
    void second.acquire('learn', ONE).then(() => {
      granted = true;
    });
    await clock.advance(28, settle);
    expect(granted).toBe(false);
    await clock.advance(1, settle);
    expect(granted).toBe(true);
  });

  it("decides on Redis's clock: two processes 5 s apart pace one bucket as one", async () => {
    const early = createRedisThrottle({ client: client.script, keyPrefix: prefix, clock: skewed(-5000) });
    const late = createRedisThrottle({ client: other.script, keyPrefix: prefix, clock: skewed(5000) });
    await early.acquire('skew', ONE);
    early.record('skew', feedback(undefined, [toldRate(10)]));
    await early.whenIdle();
    const state = await late.inspect('skew');
    // The stored instants are Redis's TIME (this host's epoch ms), not either process's clock.
    expect(Math.abs((state?.updatedAt ?? 0) - Date.now())).toBeLessThan(5000);
    expect(state).toMatchObject({ rate: 10, burst: 1, told: 1 });
    // Burst 1 at 10/s: after the level's one token, each process waits the same ~100 ms.
    await late.acquire('skew', ONE);
    const began = performance.now();
    await early.acquire('skew', ONE);
    expect(performance.now() - began).toBeGreaterThan(60);
  });
});
