import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisThrottle } from '../src/index.js';
import { CLIENT_KINDS, type TestClient } from './support/clients.js';
import { countingClient } from './support/counting-client.js';
import { feedback } from './support/feedback.js';
import { testRedis, uniquePrefix } from './support/test-redis.js';
import { settleWhile, TrackedClock } from './support/tracked-clock.js';

// In-flight slots are leased per process (presence-lua.ts): a process that stops talking to
// Redis — killed, frozen — frees what it held one lease after its last word, and a live one
// keeps its slots however long its attempts take. Real Redis, the script on virtual time.

const ONE = { requests: 1, tokens: 0 };
const LEASE_MS = 3000;
/** Slow start's first window (core's DEFAULT_TUNING.initialWindow). */
const WINDOW = 8;

/** The scope's in-flight count and its one process's holding, set back to 2. */
const UNDO_RECORD = `for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  if string.sub(f, 1, 2) == 'n:' then redis.call('HSET', KEYS[1], f, '2') end
end
redis.call('HSET', KEYS[1], 'inflight', '2')
return 1`;

const redis = await testRedis();
afterAll(() => redis?.close());

describe.skipIf(redis === undefined).each(CLIENT_KINDS)('in-flight leases ($name)', (kind) => {
  let client: TestClient;
  const prefix = uniquePrefix(`leases-${kind.name}`);
  beforeAll(async () => {
    client = await kind.connect(redis?.url ?? '');
  });
  afterAll(async () => {
    await client.flush(prefix);
    await client.close();
  });

  /** A process on `clock`; its calls counted so the test can wait for Redis's answers. */
  const processOn = (clock: TrackedClock) => {
    const counting = countingClient(client.script);
    const throttle = createRedisThrottle({
      client: counting,
      keyPrefix: prefix,
      clock,
      timeSource: 'clock',
      leaseMs: LEASE_MS,
      releasePollMs: 100,
    });
    return { throttle, settle: () => settleWhile(() => counting.pending) };
  };
  const granted = (promise: Promise<void>) => {
    const state = { done: false };
    void promise.then(() => {
      state.done = true;
    });
    return state;
  };

  it('a process that falls silent holding the whole window frees it one lease after its last word', async () => {
    // The silent process's clock never moves: no heartbeat of it ever fires, as if it were killed.
    const silent = processOn(new TrackedClock());
    const clock = new TrackedClock();
    const live = processOn(clock);
    for (let i = 0; i < WINDOW; i++) await silent.throttle.acquire('killed', ONE);
    await silent.settle();
    const waiting = granted(live.throttle.acquire('killed', ONE));
    await clock.advance(0, live.settle);
    expect(await live.throttle.activeProcesses('killed')).toBe(2);
    expect(await live.throttle.inspect('killed')).toMatchObject({ inflight: WINDOW, window: WINDOW });
    await clock.advance(LEASE_MS - 100, live.settle);
    expect(waiting.done).toBe(false);
    await clock.advance(100, live.settle);
    expect(waiting.done).toBe(true);
    expect(await live.throttle.inspect('killed')).toMatchObject({ inflight: 1 });
    expect(await live.throttle.activeProcesses('killed')).toBe(1);
  });

  it('a live process keeps its slots while its attempts run, however long: its heartbeat renews the lease', async () => {
    const clock = new TrackedClock();
    const holder = processOn(clock);
    const other = processOn(clock);
    const settle = async () => {
      await holder.settle();
      await other.settle();
    };
    for (let i = 0; i < WINDOW; i++) await holder.throttle.acquire('slow-calls', ONE);
    const waiting = granted(other.throttle.acquire('slow-calls', ONE));
    await clock.advance(4 * LEASE_MS, settle);
    expect(waiting.done).toBe(false);
    expect(await other.throttle.inspect('slow-calls')).toMatchObject({ inflight: WINDOW });
    holder.throttle.record('slow-calls', feedback(undefined));
    await clock.advance(100, settle);
    expect(waiting.done).toBe(true);
  });

  it('what a process holds is what it says it holds: a record Redis never got is corrected by its next call', async () => {
    const clock = new TrackedClock();
    const p = processOn(clock);
    await p.throttle.acquire('lost-record', ONE);
    await p.throttle.acquire('lost-record', ONE);
    // A record lost on the way (a blip): the process counts it, Redis never applied it — here
    // the record reaches Redis, and a direct write puts Redis's counts back as they were.
    p.throttle.record('lost-record', feedback(undefined));
    await p.settle();
    const key = `${prefix}staunch:v1:throttle:lost-record`;
    await client.script.eval(UNDO_RECORD, [key], []);
    expect(await p.throttle.inspect('lost-record')).toMatchObject({ inflight: 2 });
    await p.throttle.acquire('lost-record', ONE);
    // It held 1 when it asked, and was granted one more.
    expect(await p.throttle.inspect('lost-record')).toMatchObject({ inflight: 2 });
  });
});
