import { flushMicrotasks, type ScopeState, VirtualClock } from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { createRedisThrottle } from '../src/index.js';
import { feedback, toldRate } from './support/feedback.js';
import { scriptedClient } from './support/scripted-client.js';

// What a process does when it loses Redis, on a fake Redis and virtual time: its local learner
// starts at its share of the shared state it last saw, learns from there, and brings back what
// it learned; its lease is renewed while it holds attempts, and no timer outlives them.

const ONE = { requests: 1, tokens: 0 };
/** A shared scope in CUBIC at 40 req/s (lastMax 44), as Redis would report it. */
const SHARED: ScopeState = {
  rate: 40,
  burst: 4,
  level: 4,
  tokenRate: 0,
  tokenBurst: 0,
  tokenLevel: 0,
  updatedAt: 0,
  pausedUntil: 0,
  window: 0,
  inflight: 3,
  lastMax: 44,
  epochAt: 0,
  successes: 20,
  stale: 0,
  phase: 2,
  told: 0,
  seen: 0,
  sampleAt: 0,
  sampled: 0,
  recent: 0,
  burstCap: 0,
  claimAt: 0,
};

/** A throttle that has seen SHARED on four processes and holds one attempt Redis granted. */
async function sharedThenLost() {
  const clock = new VirtualClock();
  const client = scriptedClient();
  client.state = SHARED;
  client.processes = 4;
  const throttle = createRedisThrottle({ client, clock, timeSource: 'clock' });
  await throttle.acquire('s', ONE);
  client.mode = 'error';
  return { clock, client, throttle };
}

/** The rebuild payload of the acquire call at `index` of the client's calls ('' when none). */
const payloadOf = (args: readonly string[] | undefined) => (args?.at(-1) ?? '').split(',').map(Number);

describe('the shared throttle when it loses Redis (fail-open)', () => {
  it('seeds the local learner at its share: rate and lastMax ÷ processes, in CUBIC from a new epoch', async () => {
    const { clock, throttle } = await sharedThenLost();
    await clock.advance(30);
    await throttle.acquire('s', ONE);
    expect(throttle.degraded).toBe(true);
    expect(throttle.inspectLocal('s')).toMatchObject({
      rate: 10,
      burst: 1,
      lastMax: 11,
      phase: 2,
      window: 0,
      // A new epoch, as after a cut: CUBIC climbs back to lastMax before it probes beyond.
      epochAt: 30,
      successes: 0,
      // The attempt Redis granted before the outage, and this one.
      inflight: 2,
    });
  });

  it('a ramp doubles on from the share of its rate', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    client.state = { ...SHARED, rate: 80, lastMax: 20, phase: 1, epochAt: -200 };
    client.processes = 4;
    const throttle = createRedisThrottle({ client, clock, timeSource: 'clock' });
    await throttle.acquire('s', ONE);
    client.mode = 'error';
    await throttle.acquire('s', ONE);
    expect(throttle.inspectLocal('s')).toMatchObject({ rate: 20, lastMax: 20, phase: 1, epochAt: 0 });
  });

  it('the records of attempts Redis granted go to the local learner: a 429 cuts it', async () => {
    const { clock, throttle } = await sharedThenLost();
    await throttle.acquire('s', ONE);
    await clock.advance(1000);
    throttle.record('s', feedback('rate-limit'));
    const local = throttle.inspectLocal('s');
    expect(local?.inflight).toBe(1);
    expect(local?.rate).toBeLessThan(10);
    expect(local?.phase).toBe(2);
  });

  it('reads a rate-limit header as the whole key’s: the local learner takes its share of it', async () => {
    const { throttle } = await sharedThenLost();
    await throttle.acquire('s', ONE);
    throttle.record('s', feedback(undefined, [toldRate(100)]));
    expect(throttle.inspectLocal('s')).toMatchObject({ rate: 25, told: 1 });
  });

  it('a scope still in slow start shares its window, and stays in slow start', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    client.state = { ...SHARED, rate: 0, burst: 0, level: 0, lastMax: 0, window: 16, phase: 0 };
    client.processes = 4;
    const throttle = createRedisThrottle({ client, clock, timeSource: 'clock' });
    await throttle.acquire('s', ONE);
    client.mode = 'error';
    await throttle.acquire('s', ONE);
    expect(throttle.inspectLocal('s')).toMatchObject({ rate: 0, window: 4, phase: 0, inflight: 2 });
  });

  it('once Redis answers, the first acquire offers the local learner, its share, for a rebuild, once', async () => {
    const { clock, client, throttle } = await sharedThenLost();
    await clock.advance(50);
    await throttle.acquire('s', ONE);
    const local = throttle.inspectLocal('s');
    client.mode = 'answer';
    await clock.advance(200);
    await throttle.acquire('s', ONE); // still local; its probe finds Redis
    await flushMicrotasks();
    expect(throttle.degraded).toBe(false);
    await throttle.acquire('s', ONE);
    await throttle.acquire('s', ONE);
    const acquires = client.calls.filter((args) => args[0] === 'a');
    const [rate, , , , , window, lastMax, epochAge, successes, phase, told, sinceMs, burstWindowMs] = payloadOf(
      acquires.at(-2),
    );
    expect(rate).toBe(local?.rate);
    expect({ window, lastMax, phase, told, successes, burstWindowMs }).toEqual({
      window: 0,
      lastMax: 11,
      phase: 2,
      told: 0,
      successes: local?.successes,
      burstWindowMs: 100,
    });
    // The local epoch began when the share did (t = 50); the payload is offered at t = 250.
    expect(epochAge).toBe(200);
    expect(sinceMs).toBe(200);
    // Offered once: later acquires carry no payload.
    expect(acquires.at(-1)?.at(-1)).toBe('');
  });

  it('a caller’s own fallback is used as it is: not seeded, nothing offered back', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    client.state = SHARED;
    const granted: string[] = [];
    const fallback = { acquire: async (scope: string) => void granted.push(scope), record: () => {} };
    const throttle = createRedisThrottle({ client, clock, fallback });
    await throttle.acquire('s', ONE);
    client.mode = 'error';
    await throttle.acquire('s', ONE);
    expect(granted).toEqual(['s']);
    expect(throttle.inspectLocal('s')).toBeUndefined();
  });
});

describe('the lease of a process that holds attempts', () => {
  it('every call names the process and tells what it holds; a heartbeat renews it while it holds any', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    const throttle = createRedisThrottle({ client, clock, leaseMs: 3000 });
    await throttle.acquire('s', ONE);
    await throttle.acquire('s', ONE);
    const [first, second] = client.calls;
    expect(first?.slice(-4, -1)).toEqual([expect.stringMatching(/^[0-9a-f]{16}$/), '3000', '0']);
    expect(second?.slice(-4, -1)).toEqual([first?.at(-4), '3000', '1']);
    await clock.advance(1000);
    expect(client.ops).toEqual(['a', 'a', 'h']);
    expect(client.calls.at(-1)?.slice(-2)).toEqual(['2', '']);
    await clock.advance(1000);
    expect(client.ops.filter((op) => op === 'h')).toHaveLength(2);
  });

  it('leaves no timer once it holds nothing', async () => {
    const clock = new VirtualClock();
    const client = scriptedClient();
    const throttle = createRedisThrottle({ client, clock });
    await throttle.acquire('s', ONE);
    expect(clock.pending).toBeGreaterThan(0);
    throttle.record('s', feedback(undefined));
    await throttle.whenIdle();
    expect(clock.pending).toBe(0);
    await clock.advance(10_000);
    expect(client.ops).toEqual(['a', 'r']);
  });

  it('while Redis is down the heartbeat only probes it, at most once per probe interval', async () => {
    const { clock, client, throttle } = await sharedThenLost();
    await throttle.acquire('s', ONE);
    await clock.advance(5000);
    expect(client.ops.filter((op) => op === 'h')).toHaveLength(0);
    expect(client.ops.filter((op) => op === 'p').length).toBeGreaterThan(0);
    expect(client.ops.filter((op) => op === 'p').length).toBeLessThanOrEqual(5);
  });
});
