import type { RedisErrorMode, RedisThrottle } from '@staunch/redis';
import { startDelayProxy } from './redis-faults.js';
import {
  type Call,
  call,
  calls,
  connectRedis,
  deletePrefix,
  scripted,
  sharedRedisUrl,
  sleep,
  type TestClient,
  timedPhase,
  uniquePrefix,
} from './redis-harness.js';
import type { CaseContext, Seen } from './row.js';

// Row I51, first half: every Redis reply 500 ms late (a proxy in front of the run's Redis).

export const REDIS_LATENCY_MS = 500;
/** Above the latency: a throttle configured for a slow Redis. */
const PATIENT_TIMEOUT_MS = 4 * REDIS_LATENCY_MS;
/** A grant whose reply came after the timeout is handed back within this (the late reply, then a release). */
const HANDED_BACK_MS = 2000;

/** The scope hash's `inflight`, read directly: attempts Redis counts as granted and not yet recorded. */
async function inflight(direct: TestClient, prefix: string): Promise<string> {
  const [key] = await direct.redis.keys(`${prefix}*`);
  return key === undefined ? 'no key' : ((await direct.redis.hGet(key, 'inflight')) ?? 'no inflight');
}

/** Polls until Redis holds no slot for any of `prefixes`; `late grants handed back`, or what is left. */
async function handedBack(direct: TestClient, prefixes: readonly string[]): Promise<string> {
  const since = performance.now();
  for (;;) {
    const left = await Promise.all(prefixes.map((prefix) => inflight(direct, prefix)));
    if (left.every((n) => n === '0')) return 'late grants handed back';
    if (performance.now() - since > HANDED_BACK_MS) return `inflight ${left.join(', ')} in Redis`;
    await sleep(50);
  }
}

/** `200 via Redis`: the decision waited for Redis's late reply, and Redis went on deciding. */
const viaRedis = (made: Call, throttle: RedisThrottle): string =>
  !throttle.degraded && made.decidedMs >= 0.9 * REDIS_LATENCY_MS
    ? `${made.outcome} via Redis`
    : `${made.outcome} decided in ${Math.round(made.decidedMs)}ms${throttle.degraded ? ', degraded' : ''}`;

/**
 * Three throttles on one client whose replies come 500 ms late. With the default 250 ms
 * `redisTimeoutMs`, each call is decided within the bound as if Redis were down (fail-open
 * grants, fail-closed refuses) and the grant Redis made for the first is handed back; with
 * `redisTimeoutMs` 2000 the call waits for Redis and Redis keeps deciding.
 */
export const slowRedis = async (context: CaseContext): Promise<Seen> => {
  const target = sharedRedisUrl();
  const proxy = await startDelayProxy(target);
  const [slow, direct] = await Promise.all([connectRedis(proxy.url), connectRedis(target)]);
  proxy.delay({ replyMs: REDIS_LATENCY_MS });
  const prefix = uniquePrefix(context);
  const throttle = (name: string, mode: RedisErrorMode, redisTimeoutMs?: number) =>
    slow.throttle(`${prefix}${name}:`, { onRedisError: mode, ...(redisTimeoutMs ? { redisTimeoutMs } : {}) });
  const [open, closed, patient] = [
    throttle('open', 'fail-open'),
    throttle('closed', 'fail-closed'),
    throttle('patient', 'fail-closed', PATIENT_TIMEOUT_MS),
  ];
  const url = scripted(context, [{ status: 200 }]);
  try {
    const [fromOpen, fromClosed, fromPatient] = await Promise.all([
      calls(3, () => call(context, url, { throttle: open })),
      calls(3, () => call(context, url, { throttle: closed })),
      call(context, url, { throttle: patient }),
    ]);
    return {
      arrivals: context.servers.fault.arrivals(context.id),
      outcomes: [
        timedPhase('fail-open', fromOpen),
        timedPhase('fail-closed', fromClosed),
        await handedBack(direct, [`${prefix}open:`, `${prefix}closed:`]),
        `redisTimeoutMs ${PATIENT_TIMEOUT_MS}: ${viaRedis(fromPatient, patient)}`,
      ],
    };
  } finally {
    await Promise.all([open, closed, patient].map((t) => t.whenIdle()));
    await slow.close();
    await proxy.close();
    await deletePrefix(direct.redis, prefix);
    await direct.close();
  }
};
