import type { RedisErrorMode, RedisThrottle } from '@staunch/redis';
import {
  type Call,
  call,
  calls,
  connectRedis,
  inBound,
  phase,
  RECOVERY_BOUND_MS,
  scripted,
  sharedRedisUrl,
  sleep,
  type TestClient,
  timedPhase,
  uniquePrefix,
} from './redis-harness.js';
import { type PrivateRedis, withPrivateRedis } from './redis-server.js';
import type { CaseContext, Seen } from './row.js';

// Row I50: Redis down at startup, killed mid-run, restarted empty (no keys, no scripts: NOSCRIPT),
// and its script cache flushed between calls. Each case has a redis-server of its own and runs a
// fail-open and a fail-closed throttle side by side on one client.

const MODES: readonly RedisErrorMode[] = ['fail-open', 'fail-closed'];

/** What a call may end as while the throttle finds Redis again. */
const WHILE_RECOVERING: Record<RedisErrorMode, readonly string[]> = {
  'fail-open': ['200'],
  'fail-closed': ['200', 'RedisUnavailable'],
};

interface Side {
  readonly mode: RedisErrorMode;
  readonly throttle: RedisThrottle;
  /** One call through the adapter with this side's throttle. */
  readonly next: () => Promise<Call>;
}

/**
 * Calls until one was decided by Redis again (sent while the throttle took Redis as up, and it
 * still does), each within the decision bound; then checks the scope's state is back in Redis.
 */
async function backOnRedis(client: TestClient, side: Side): Promise<string> {
  const since = performance.now();
  const made: Call[] = [];
  let up = false;
  while (!up && performance.now() - since < RECOVERY_BOUND_MS) {
    const wasUp = !side.throttle.degraded;
    const last = await side.next();
    made.push(last);
    up = wasUp && !side.throttle.degraded && last.outcome === '200';
    if (!up) await sleep(50);
  }
  if (!made.every((c) => inBound(c) && WHILE_RECOVERING[side.mode].includes(c.outcome))) {
    return timedPhase(`${side.mode} while recovering`, made);
  }
  const scope = made.at(-1)?.scope;
  if (!up || scope === undefined) return `${side.mode}: still degraded ${RECOVERY_BOUND_MS}ms after the restart`;
  const state = await side.throttle.inspect(scope);
  const script = client.noScripts > 0 ? 'NOSCRIPT→EVAL' : 'no NOSCRIPT seen';
  const rebuilt = state === undefined ? 'no state in Redis' : 'state rebuilt';
  return `${side.mode}: back on Redis<${RECOVERY_BOUND_MS}ms, ${script}, ${rebuilt}`;
}

/**
 * A client on `server` (before it is up with `wait: false`) and a fail-open and a fail-closed
 * throttle on it, each with its own key prefix and script id; `work` returns the outcomes.
 */
async function withBothModes(
  context: CaseContext,
  server: PrivateRedis,
  wait: boolean,
  work: (client: TestClient, sides: readonly Side[]) => Promise<readonly string[]>,
): Promise<Seen> {
  sharedRedisUrl(); // Group I runs only where the test run has Redis (and must under CI).
  const client = await connectRedis(server.url, { wait });
  const sides = MODES.map((mode): Side => {
    const throttle = client.throttle(`${uniquePrefix(context)}${mode}:`, { onRedisError: mode });
    const url = scripted(context, [{ status: 200 }], `-${mode}`);
    return { mode, throttle, next: () => call(context, url, { throttle }) };
  });
  const arrivals = () => MODES.reduce((sum, mode) => sum + context.servers.fault.arrivals(`${context.id}-${mode}`), 0);
  try {
    const seen = await work(client, sides);
    return { arrivals: arrivals(), outcomes: seen };
  } finally {
    await Promise.all(sides.map((side) => side.throttle.whenIdle()));
    await client.close();
  }
}

/** Runs `n` calls on each side at once; resolves per side. */
const onEachSide = (sides: readonly Side[], n: number) => Promise.all(sides.map((side) => calls(n, side.next)));

/** Redis is not running when the app starts: three calls, then Redis comes up. */
export const downAtStartup = (context: CaseContext): Promise<Seen> =>
  withPrivateRedis(
    (server) =>
      withBothModes(context, server, false, async (client, sides) => {
        const down = await onEachSide(sides, 3);
        await server.start();
        const back = await Promise.all(sides.map((side) => backOnRedis(client, side)));
        return sides.flatMap((side, i) => [timedPhase(`${side.mode} down`, down[i] ?? []), back[i] ?? '']);
      }),
    { started: false },
  );

/** Two calls through Redis, SIGKILL, three calls, then a restart: an empty Redis (no keys, no scripts). */
export const diesMidRun = (context: CaseContext): Promise<Seen> =>
  withPrivateRedis((server) =>
    withBothModes(context, server, true, async (client, sides) => {
      const before = await onEachSide(sides, 2);
      const noScriptsBefore = client.noScripts;
      await server.kill();
      const down = await onEachSide(sides, 3);
      await server.start();
      const back = await Promise.all(sides.map((side) => backOnRedis(client, side)));
      const restarted = client.noScripts > noScriptsBefore ? '' : ' (NOSCRIPT before the kill only)';
      return sides.flatMap((side, i) => [
        phase(`${side.mode} before`, before[i] ?? []),
        timedPhase(`${side.mode} killed`, down[i] ?? []),
        `${back[i]}${restarted}`,
      ]);
    }),
  );

/** SCRIPT FLUSH between calls: the next EVALSHA meets NOSCRIPT, EVAL reloads it, nothing degrades. */
export const scriptFlush = (context: CaseContext): Promise<Seen> =>
  withPrivateRedis((server) =>
    withBothModes(context, server, true, async (client, sides) => {
      const before = await onEachSide(sides, 2);
      const noScriptsBefore = client.noScripts;
      await client.redis.scriptFlush();
      const after = await onEachSide(sides, 3);
      const reloaded = client.noScripts > noScriptsBefore ? 'NOSCRIPT→EVAL' : 'no NOSCRIPT seen';
      return Promise.all(
        sides.map(async (side, i) => {
          await side.throttle.whenIdle();
          const state = await side.throttle.inspect(after[i]?.at(-1)?.scope ?? '');
          const degraded = side.throttle.degraded ? 'degraded' : 'not degraded';
          return `${phase(side.mode, [...(before[i] ?? []), ...(after[i] ?? [])])}, ${reloaded}, ${degraded}, ${state?.successes ?? 0} successes kept`;
        }),
      );
    }),
  );
