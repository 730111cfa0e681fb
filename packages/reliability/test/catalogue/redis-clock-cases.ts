import { type Clock, type PolicyInput, systemClock } from '@staunch/core';
import { startDelayProxy } from './redis-faults.js';
import { call, connectRedis, deletePrefix, scripted, sharedRedisUrl, sleep, uniquePrefix } from './redis-harness.js';
import type { CaseContext, Seen } from './row.js';

// Row I52: app nodes whose clocks are 5 s apart, and one node whose commands reach Redis late
// (after a newer node's). Both share one scope through the run's Redis.

/** A host whose clock is `offsetMs` off (monotonic and wall time alike). */
const skewed = (offsetMs: number): Clock => ({
  ...systemClock,
  now: () => systemClock.now() + offsetMs,
  wallNow: () => systemClock.wallNow() + offsetMs,
});

/** Reads OpenAI-style request headers: `remaining: 0` with a reset pauses the scope until then. */
const POLICY: PolicyInput = {
  backoff: { baseMs: 1, capMs: 5 },
  rateLimitHeaders: [
    {
      unit: 'requests',
      remaining: 'x-ratelimit-remaining-requests',
      reset: 'x-ratelimit-reset-requests',
      resetFormat: 'go-duration',
    },
  ],
};
const PAUSE_MS = 1000;
const EXHAUSTED = { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${PAUSE_MS}ms` };

/**
 * How long the second node's attempt was held, against the pause the first one was told. Loose
 * bounds (the row may share the machine): what they tell apart is no hold at all, the pause,
 * and the pause plus 10 s of skew.
 */
function held(ms: number): string {
  if (ms < 0.3 * PAUSE_MS) return 'not held';
  if (ms < 3.5 * PAUSE_MS) return 'held by the shared pause';
  return `held ${Math.round(ms)}ms`;
}

const signed = (ms: number) => `${ms > 0 ? '+' : '−'}${Math.abs(ms) / 1000} s`;

/**
 * Node A (clock `teacherMs` off) is told the limit is exhausted for 1 s; node B (clock
 * `waiterMs` off) calls right after and must be held for what is left of it. `timeSource:
 * 'clock'` (app clocks into the script, tests only) is the control: there B is not held.
 */
export const skewedNodes =
  (teacherMs: number, waiterMs: number, timeSource: 'redis' | 'clock' = 'redis') =>
  async (context: CaseContext): Promise<Seen> => {
    const [a, b] = await Promise.all([connectRedis(sharedRedisUrl()), connectRedis(sharedRedisUrl())]);
    const prefix = uniquePrefix(context);
    const [clockA, clockB] = [skewed(teacherMs), skewed(waiterMs)];
    const teacher = a.throttle(prefix, { clock: clockA, timeSource });
    const waiter = b.throttle(prefix, { clock: clockB, timeSource });
    try {
      const taught = await call(context, scripted(context, [{ status: 200, headers: EXHAUSTED }], '-a'), {
        throttle: teacher,
        clock: clockA,
        policy: POLICY,
      });
      await teacher.whenIdle();
      const next = await call(context, scripted(context, [{ status: 200 }], '-b'), {
        throttle: waiter,
        clock: clockB,
        policy: POLICY,
      });
      await waiter.whenIdle();
      const state = await waiter.inspect(next.scope ?? '');
      // Redis runs on this host: its TIME is this host's unskewed wall clock.
      const onRedisTime = state !== undefined && Math.abs(state.updatedAt - Date.now()) < 1000;
      return {
        arrivals: context.servers.fault.arrivals(`${context.id}-a`) + context.servers.fault.arrivals(`${context.id}-b`),
        outcomes: [
          `node ${signed(teacherMs)}: ${taught.outcome}`,
          `node ${signed(waiterMs)}: ${next.outcome} ${held(next.decidedMs)}`,
          onRedisTime ? 'state on Redis TIME' : 'state on app clocks',
        ],
      };
    } finally {
      await deletePrefix(a.redis, prefix);
      await Promise.all([a.close(), b.close()]);
    }
  };

/** Node A's commands reach Redis this late (queued on the way); node B's at once. 400 ms, not 150: on a loaded 2-core machine B's three calls (each a presence lease and a decision) once took longer than 120 ms to land. */
const COMMAND_DELAY_MS = 400;
const CALLS_PER_NODE = 3;

/**
 * Node A starts three calls, node B three more 30 ms later; A's commands reach Redis after B's.
 * Redis decides each on its own TIME when it runs, so a late command is applied as it comes:
 * every call succeeds and every grant is recorded exactly once (6 successes, no slot left held).
 */
export const lateCommands = async (context: CaseContext): Promise<Seen> => {
  const target = sharedRedisUrl();
  const proxy = await startDelayProxy(target);
  const [a, b] = await Promise.all([connectRedis(proxy.url), connectRedis(target)]);
  proxy.delay({ commandMs: COMMAND_DELAY_MS });
  const prefix = uniquePrefix(context);
  // The case is late commands, not lost ones: 2 s of patience, five times the delay (with 1 s, a
  // fresh-clone CI run's loaded machine once let A's commands pass it, and A fell back to local).
  const late = a.throttle(prefix, { redisTimeoutMs: 2000 });
  const prompt = b.throttle(prefix);
  const [urlA, urlB] = [scripted(context, [{ status: 200 }], '-a'), scripted(context, [{ status: 200 }], '-b')];
  try {
    const fromA = Array.from({ length: CALLS_PER_NODE }, () => call(context, urlA, { throttle: late }));
    await sleep(30);
    const fromB = Array.from({ length: CALLS_PER_NODE }, () => call(context, urlB, { throttle: prompt }));
    const made = await Promise.all([...fromA, ...fromB]);
    await Promise.all([late.whenIdle(), prompt.whenIdle()]);
    const arrived = (suffix: string) =>
      context.servers.fault.requests(`${context.id}${suffix}`).map((r) => r.receivedAt);
    const [atA, atB] = [arrived('-a'), arrived('-b')];
    const order =
      Math.max(...atB) < Math.min(...atA) ? "A's late commands ran after B's" : "A's commands were not late";
    const state = await prompt.inspect(made[0]?.scope ?? '');
    return {
      arrivals: atA.length + atB.length,
      outcomes: [
        ...new Set(made.map((c) => c.outcome)),
        order,
        `${state?.successes} successes, inflight ${state?.inflight}, ${late.degraded || prompt.degraded ? 'degraded' : 'not degraded'}`,
      ],
    };
  } finally {
    await a.close();
    await proxy.close();
    await deletePrefix(b.redis, prefix);
    await b.close();
  }
};
