import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisThrottle, type RedisThrottle } from '../src/index.js';
import { CLIENT_KINDS, type TestClient } from './support/clients.js';
import { countingClient } from './support/counting-client.js';
import { feedback, toldRate } from './support/feedback.js';
import { switchable } from './support/switchable-client.js';
import { testRedis, uniquePrefix } from './support/test-redis.js';
import { settleWhile, TrackedClock } from './support/tracked-clock.js';

// Processes that lose Redis fall back at their share, and when Redis answers again they put
// the scope back together from their shares instead of letting it restart in slow start.
// Real Redis, cut off per process by a switchable client; the script on virtual time.

const ONE = { requests: 1, tokens: 0 };
const PROBE_MS = 200;

const redis = await testRedis();
afterAll(() => redis?.close());

describe.skipIf(redis === undefined).each(CLIENT_KINDS)('rebuilding a scope from the shares ($name)', (kind) => {
  let client: TestClient;
  const prefix = uniquePrefix(`rebuild-${kind.name}`);
  beforeAll(async () => {
    client = await kind.connect(redis?.url ?? '');
  });
  afterAll(async () => {
    await client.flush(prefix);
    await client.close();
  });

  /** Two processes on one clock, sharing `scope` told at 40 req/s (CUBIC, `told`). */
  async function twoProcesses(scope: string) {
    const clock = new TrackedClock();
    const links = [switchable(client.script), switchable(client.script)];
    const counted = links.map((link) => countingClient(link));
    const [a, b] = counted.map((c) =>
      createRedisThrottle({ client: c, keyPrefix: prefix, clock, timeSource: 'clock', probeIntervalMs: PROBE_MS }),
    ) as [RedisThrottle, RedisThrottle];
    const settle = () => settleWhile(() => counted.reduce((n, c) => n + c.pending, 0));
    /** Acquires, moving virtual time on until the bucket grants. */
    const take = async (p: RedisThrottle, scope: string) => {
      let done = false;
      const granted = p.acquire(scope, ONE).then(() => {
        done = true;
      });
      for (let i = 0; i < 100 && !done; i++) await clock.advance(10, settle);
      await granted;
      await settle();
    };
    // Twice round, so each has seen both leases.
    for (const p of [a, b, a, b]) {
      await take(p, scope);
      p.record(scope, feedback(undefined, [toldRate(40)]));
      await settle();
    }
    const cut = (down: boolean) => {
      for (const link of links) link.down = down;
    };
    return { clock, a, b, settle, cut, links, take };
  }
  /** One acquire while down (it probes once the interval is over), then one on Redis. */
  async function comeBack(take: (p: RedisThrottle, scope: string) => Promise<void>, p: RedisThrottle, scope: string) {
    await take(p, scope);
    expect(p.degraded).toBe(false);
    await take(p, scope);
  }

  it('Redis restarted empty: each falls back at its half, the first back writes its share, the second adds its own', async () => {
    const { clock, a, b, settle, cut, take } = await twoProcesses('restarted');
    expect(await a.activeProcesses('restarted')).toBe(2);
    cut(true);
    await client.flush(prefix);
    await take(a, 'restarted');
    await take(b, 'restarted');
    expect(a.inspectLocal('restarted')).toMatchObject({ rate: 20, told: 1, phase: 2, window: 0 });
    expect(b.inspectLocal('restarted')).toMatchObject({ rate: 20, told: 1, phase: 2, window: 0 });
    cut(false);
    await clock.advance(PROBE_MS, settle);
    await comeBack(take, a, 'restarted');
    expect(await a.inspect('restarted')).toMatchObject({ rate: 20, told: 1, phase: 2, window: 0 });
    await comeBack(take, b, 'restarted');
    expect(await a.inspect('restarted')).toMatchObject({ rate: 40, burst: 4, told: 1, phase: 2, window: 0 });
    expect(await a.activeProcesses('restarted')).toBe(2);
  });

  it('Redis kept the scope but nobody could reach it: the shares learned since replace it', async () => {
    const { clock, a, b, settle, cut, take } = await twoProcesses('unreached');
    cut(true);
    for (const p of [a, b]) {
      await take(p, 'unreached');
      // The provider now says 100 req/s: each process's share is 50.
      p.record('unreached', feedback(undefined, [toldRate(100)]));
    }
    expect(a.inspectLocal('unreached')).toMatchObject({ rate: 50 });
    cut(false);
    await clock.advance(PROBE_MS, settle);
    await comeBack(take, a, 'unreached');
    await comeBack(take, b, 'unreached');
    expect(await a.inspect('unreached')).toMatchObject({ rate: 100, told: 1 });
  });

  it('one process cut off alone: the scope others kept deciding on is newer, and stays', async () => {
    const { clock, a, b, settle, links, take } = await twoProcesses('partition');
    const [linkA] = links;
    if (linkA === undefined) throw new Error('no link');
    linkA.down = true;
    await take(a, 'partition');
    a.record('partition', feedback(undefined, [toldRate(100)]));
    // Meanwhile the other process decides on Redis, told 30 req/s.
    await clock.advance(50, settle);
    await take(b, 'partition');
    b.record('partition', feedback(undefined, [toldRate(30)]));
    await settle();
    linkA.down = false;
    await clock.advance(PROBE_MS, settle);
    await comeBack(take, a, 'partition');
    expect(await a.inspect('partition')).toMatchObject({ rate: 30 });
  });

  it('a scope Redis restarted in slow start meanwhile takes the shares, which have learned a rate', async () => {
    const { clock, a, b, settle, cut, links, take } = await twoProcesses('fresh');
    cut(true);
    await client.flush(prefix);
    await take(a, 'fresh');
    await clock.advance(50, settle);
    // The other process is back first and has no share to offer (it sat idle): slow start.
    const [, linkB] = links;
    if (linkB === undefined) throw new Error('no link');
    linkB.down = false;
    await take(b, 'fresh');
    await settle();
    expect(await b.inspect('fresh')).toMatchObject({ phase: 0, told: 0 });
    cut(false);
    await clock.advance(PROBE_MS, settle);
    await comeBack(take, a, 'fresh');
    expect(await b.inspect('fresh')).toMatchObject({ rate: 20, phase: 2, told: 1, window: 0 });
  });
});
