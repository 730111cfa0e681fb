import { createAdaptiveThrottle, type Throttle } from '@staunch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisThrottle, isRedisUnavailableError, type RedisThrottle } from '../src/index.js';
import { CLIENT_KINDS, type TestClient } from './support/clients.js';
import { type Decision, drive } from './support/drive.js';
import { ownRedis, uniquePrefix } from './support/test-redis.js';

// A real redis-server this test starts, kills, pauses and restarts under a running load.
// Wall-clock time, with bounds generous for a shared two-core machine.

const TIMEOUT_MS = 250;
/**
 * Timer and scheduling slack on a busy machine (two test workers on two cores), on top of the
 * timeout; a decision that waited on a paused Redis would take until the test's own timeout.
 */
const SLACK_MS = 350;
const RECOVERY_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const server = await ownRedis();
afterAll(() => server?.stop());

/** A fallback that counts what it granted, so the test can tell Redis's decisions from it. */
function countingFallback(): Throttle & { granted: number } {
  const inner = createAdaptiveThrottle();
  const fallback = {
    granted: 0,
    acquire: async (scope: string, cost: { requests: number; tokens: number }, signal?: AbortSignal) => {
      await inner.acquire(scope, cost, signal);
      fallback.granted += 1;
    },
    record: inner.record,
  };
  return fallback;
}

/** Runs the load on both throttles while `scenario` breaks and mends the server. */
async function underLoad(
  throttles: readonly RedisThrottle[],
  scenario: (mark: (name: string) => void) => Promise<void>,
): Promise<{ decisions: Decision[][]; marks: Map<string, number> }> {
  let done = false;
  const marks = new Map<string, number>();
  const running = throttles.map((t, i) => drive(t, `outage-${i}`, () => done));
  await scenario((name) => marks.set(name, performance.now()));
  done = true;
  return { decisions: await Promise.all(running), marks };
}

const between = (decisions: Decision[], from = 0, to = Number.POSITIVE_INFINITY) =>
  decisions.filter((d) => d.at >= from && d.at < to);

/** At least 95 % granted, and every refusal the typed one. */
const mostlyGranted = (decisions: Decision[]): boolean =>
  decisions.length > 0 &&
  decisions.filter((d) => d.granted).length >= 0.95 * decisions.length &&
  decisions.every((d) => d.granted || isRedisUnavailableError(d.error));

describe.skipIf(server === undefined).each(CLIENT_KINDS)(
  'Redis killed, paused and restarted under load ($name)',
  (kind) => {
    let client: TestClient;
    const prefix = uniquePrefix(`outage-${kind.name}`);
    beforeAll(async () => {
      client = await kind.connect(server?.url ?? '');
    });
    afterAll(async () => {
      await client.flush(prefix).catch(() => {});
      await client.close();
    });

    it('killed for 5 s: every call decides within the bound (fail-open and fail-closed), Redis decides again within 1 s of the restart', async () => {
      if (server === undefined) return;
      const fallback = countingFallback();
      const common = { client: client.script, keyPrefix: prefix, redisTimeoutMs: TIMEOUT_MS };
      const open = createRedisThrottle({ ...common, fallback });
      const closed = createRedisThrottle({ ...common, onRedisError: 'fail-closed' });
      let fallbackAtRestart = 0;
      const { decisions, marks } = await underLoad([open, closed], async (mark) => {
        await sleep(1000);
        mark('kill');
        await server.kill();
        await sleep(5000);
        await server.restart();
        mark('restart');
        fallbackAtRestart = fallback.granted;
        await sleep(2000);
      });
      const kill = marks.get('kill') ?? 0;
      const restart = marks.get('restart') ?? 0;
      const [openDecisions = [], closedDecisions = []] = decisions;
      // Before: Redis decides, both grant. (A Redis call that a loaded machine delays past the
      // 250 ms bound is refused by fail-closed, correctly; allow a rare one, typed.)
      expect(between(openDecisions, 0, kill).every((d) => d.granted)).toBe(true);
      expect(mostlyGranted(between(closedDecisions, 0, kill))).toBe(true);
      // During: every call decides within the bound — fail-open grants, fail-closed refuses with a typed error.
      const down = (list: Decision[]) => between(list, kill + 50, restart);
      expect(down(openDecisions).length).toBeGreaterThan(20);
      expect(down(closedDecisions).length).toBeGreaterThan(20);
      for (const d of [...between(openDecisions, kill, restart), ...between(closedDecisions, kill, restart)]) {
        expect(d.ms).toBeLessThanOrEqual(TIMEOUT_MS + SLACK_MS);
      }
      expect(down(openDecisions).every((d) => d.granted)).toBe(true);
      expect(fallbackAtRestart).toBeGreaterThan(20);
      expect(down(closedDecisions).every((d) => !d.granted && isRedisUnavailableError(d.error))).toBe(true);
      // After: the fail-closed throttle grants again, and the fail-open one stops using its fallback, within 1 s.
      const firstGrant = between(closedDecisions, restart).find((d) => d.granted);
      expect(firstGrant).toBeDefined();
      expect((firstGrant?.at ?? Number.POSITIVE_INFINITY) + (firstGrant?.ms ?? 0) - restart).toBeLessThan(RECOVERY_MS);
      expect(open.degraded).toBe(false);
      expect(closed.degraded).toBe(false);
      expect(mostlyGranted(between(closedDecisions, restart + RECOVERY_MS))).toBe(true);
      // The shared state was rebuilt in the new server.
      expect(await open.inspect('outage-0')).toMatchObject({ told: 1, rate: 500 });
      console.info(
        `[${kind.name}] killed ${((restart - kill) / 1000).toFixed(1)} s: slowest decision ${Math.max(...[...openDecisions, ...closedDecisions].map((d) => d.ms)).toFixed(0)} ms; fail-closed granted again ${((firstGrant?.at ?? 0) + (firstGrant?.ms ?? 0) - restart).toFixed(0)} ms after restart`,
      );
    }, 30_000);

    it('paused (SIGSTOP, a Redis that accepts but never answers): decisions within the bound, back after SIGCONT', async () => {
      if (server === undefined) return;
      const closed = createRedisThrottle({
        client: client.script,
        keyPrefix: prefix,
        redisTimeoutMs: TIMEOUT_MS,
        onRedisError: 'fail-closed',
      });
      const { decisions, marks } = await underLoad([closed], async (mark) => {
        await sleep(500);
        mark('pause');
        server.pause();
        await sleep(2000);
        server.resume();
        mark('resume');
        await sleep(1500);
      });
      const [list = []] = decisions;
      const pause = marks.get('pause') ?? 0;
      const resume = marks.get('resume') ?? 0;
      const during = between(list, pause, resume);
      expect(during.length).toBeGreaterThan(5);
      for (const d of during) expect(d.ms).toBeLessThanOrEqual(TIMEOUT_MS + SLACK_MS);
      expect(between(list, pause + TIMEOUT_MS + SLACK_MS, resume).every((d) => !d.granted)).toBe(true);
      expect(between(list, resume + RECOVERY_MS).every((d) => d.granted)).toBe(true);
      expect(between(list, resume + RECOVERY_MS).length).toBeGreaterThan(5);
    }, 30_000);
  },
);
