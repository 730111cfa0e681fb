import { randomBytes } from 'node:crypto';
import {
  type AcquireOptions,
  noThrottle,
  QueueFullError,
  type QueueNode,
  queueAbortable,
  type ThrottleCost,
  type ThrottleFeedback,
  WAIT_FOR_RELEASE,
  WaiterQueue,
  WakeTimer,
} from '@staunch/core';
import { createRedisBreakerShare } from '../breaker/redis-breaker-share.js';
import { redisUnavailable } from '../redis-unavailable-error.js';
import type { PresenceTail } from '../script/script-args.js';
import type { Sighting } from '../script/script-reply.js';
import { throttleScript } from '../script/throttle-script.js';
import { FailOpen } from './fail-open.js';
import { Heartbeat } from './heartbeat.js';
import { InFlight } from './in-flight.js';
import { createLocalThrottle } from './local-throttle.js';
import { OpenAttempts } from './open-attempts.js';
import { RedisHealth } from './redis-health.js';
import type { RedisThrottle } from './redis-throttle.js';
import { KEY_SCHEMA, type RedisThrottleOptions, resolveRedisThrottleOptions } from './redis-throttle-options.js';
import { SharedViews } from './shared-views.js';
import { withTimeout } from './with-timeout.js';

interface Waiter {
  readonly cost: ThrottleCost;
  readonly options: AcquireOptions | undefined;
  readonly signal: AbortSignal | undefined;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  node: QueueNode<Waiter> | undefined;
  /** Removes the abort listener: called once the waiter leaves the queue. */
  detach: () => void;
}

interface LocalScope {
  readonly scope: string;
  readonly key: string;
  readonly queue: WaiterQueue<Waiter>;
  /** True while the head's question is with Redis: one question per scope per process. */
  asking: boolean;
  readonly wake: WakeTimer;
}

/**
 * The throttle seam on Redis: every decision is one atomic script call on the scope's hash
 * (the state and learner of core's adaptive throttle, see throttle-lua.ts), so a 429 seen by
 * one process slows every process on that scope. Waiters stay local: a FIFO per scope, whose
 * head alone asks Redis and, told to wait, asks again when the wait is over. Each call also
 * renews this process's lease and tells Redis what it holds (presence-lua.ts). Redis errors and
 * timeouts hand every decision to the fallback — seeded at this process's share, see
 * fail-open.ts — (or reject it) until a probe finds Redis again.
 */
export function createRedisThrottle(options: RedisThrottleOptions): RedisThrottle {
  const o = resolveRedisThrottleOptions(options);
  const { clock } = o;
  const local = { clock, maxQueue: o.maxQueue, idleEvictMs: o.keyTtlMs, tuning: o.tuning };
  const own =
    options.fallback === undefined && o.onRedisError === 'fail-open'
      ? createLocalThrottle({ ...local, granted: (scope) => attempts.granted(scope, 'local') })
      : undefined;
  const script = throttleScript({
    client: o.client,
    keyTtlMs: o.keyTtlMs,
    tuning: o.tuning,
    now: o.timeSource === 'clock' ? () => clock.now() : undefined,
  });
  const keyOf = (scope: string): string => `${o.keyPrefix}${KEY_SCHEMA}${scope}`;
  const calls = new InFlight();
  const bounded = <T>(work: Promise<T>, onLate?: (value: T) => void): Promise<T> =>
    calls.track(withTimeout(work, o.redisTimeoutMs, clock, onLate));
  // Back on Redis, the local learner's waiters ask Redis too: paced by both, the process would
  // send its share twice over until its local queue ran dry.
  const health = new RedisHealth(
    clock,
    o.probeIntervalMs,
    () => bounded(script.ping(keyOf(''))),
    () => own?.handBack((scope, cost, signal) => throttle.acquire(scope, cost, signal)),
  );
  const id = randomBytes(8).toString('hex');
  const heartbeat = new Heartbeat(clock, Math.max(1, Math.floor(o.leaseMs / 3)), () => beat());
  const attempts = new OpenAttempts((busy) => (busy ? heartbeat.start() : heartbeat.stop()));
  const views = new SharedViews(clock, o.keyTtlMs);
  const fallback = options.fallback ?? own ?? noThrottle;
  const failOpen = new FailOpen({ clock, tuning: o.tuning, fallback, own, attempts, views });
  const scopes = new Map<string, LocalScope>();
  let lastError: unknown;

  /** `held`: what the process holds, told only when no acquire of it is under way on the scope. */
  const tail = (held?: number, rebuild?: string): PresenceTail => ({ id, leaseMs: o.leaseMs, held, rebuild });
  const answered = (scope: string, sighting: Sighting): void => {
    health.succeeded();
    views.saw(scope, sighting);
  };
  /** Hands back a grant nobody will use (its waiter left, or its reply came too late). */
  const release = (key: string): void => {
    bounded(script.release(key, tail())).catch(() => {});
  };
  /** While the process holds attempts: renews its lease on each scope it holds them on. */
  const beat = (): void => {
    if (health.down) {
      health.poke();
      return;
    }
    for (const scope of attempts.scopes()) {
      const held = scopes.get(scope)?.asking === true ? undefined : attempts.held(scope);
      bounded(script.heartbeat(keyOf(scope), tail(held))).then((reply) => answered(scope, reply.sighting), redisFailed);
    }
  };
  type Ask = [scope: string, cost: ThrottleCost, signal?: AbortSignal, options?: AcquireOptions];
  const withoutRedis = (...[scope, cost, signal, options]: Ask): Promise<void> => {
    health.poke();
    if (o.onRedisError === 'fail-closed') return Promise.reject(redisUnavailable(lastError));
    failOpen.enter(scope, health.episode);
    return failOpen.acquire(scope, cost, signal, options);
  };
  const forget = (entry: LocalScope): void => {
    const idle = !entry.asking && !entry.wake.pending && entry.queue.size === 0;
    if (idle && scopes.get(entry.scope) === entry) scopes.delete(entry.scope);
  };
  const schedule = (entry: LocalScope, waitMs: number): void => entry.wake.schedule(waitMs, () => pump(entry));

  /** Redis failed: every local waiter is decided now, without it. */
  const redisFailed = (error: unknown): void => {
    lastError = error;
    health.failed();
    for (const entry of [...scopes.values()]) {
      entry.wake.clear();
      for (let waiter = entry.queue.shift(); waiter !== undefined; waiter = entry.queue.shift()) {
        waiter.detach();
        withoutRedis(entry.scope, waiter.cost, waiter.signal, waiter.options).then(waiter.resolve, waiter.reject);
      }
      forget(entry);
    }
  };
  const grant = (entry: LocalScope, head: Waiter, node: QueueNode<Waiter>): void => {
    entry.queue.remove(node);
    head.detach();
    attempts.granted(entry.scope, 'redis');
    head.resolve();
    pump(entry);
  };
  /** Asks Redis for the head of the queue; grants it, or waits as told and asks again. */
  const pump = (entry: LocalScope): void => {
    if (entry.asking) return;
    const head = entry.queue.peek();
    const node = head?.node;
    if (head === undefined || node === undefined) {
      entry.wake.clear();
      forget(entry);
      return;
    }
    if (health.down) {
      redisFailed(lastError);
      return;
    }
    entry.asking = true;
    const rebuild = failOpen.rebuild(entry.scope, health.downSince);
    const asked = script.acquire(
      entry.key,
      head.cost,
      head.options?.scout === true,
      tail(attempts.held(entry.scope), rebuild),
    );
    bounded(asked, (late) => late.waitMs === 0 && release(entry.key)).then(
      ({ waitMs, sighting }) => {
        entry.asking = false;
        answered(entry.scope, sighting);
        failOpen.rebuilt(entry.scope);
        if (!node.queued) {
          if (waitMs === 0) release(entry.key);
          pump(entry);
        } else if (waitMs !== 0) {
          schedule(entry, waitMs === WAIT_FOR_RELEASE ? o.releasePollMs : waitMs);
        } else {
          grant(entry, head, node);
        }
      },
      (error: unknown) => {
        entry.asking = false;
        redisFailed(error);
      },
    );
  };
  const scopeFor = (scope: string): LocalScope => {
    let entry = scopes.get(scope);
    if (entry === undefined) {
      entry = { scope, key: keyOf(scope), queue: new WaiterQueue(), asking: false, wake: new WakeTimer(clock) };
      scopes.set(scope, entry);
    }
    return entry;
  };

  const throttle: RedisThrottle = {
    acquire(scope: string, cost: ThrottleCost, signal?: AbortSignal, options?: AcquireOptions): Promise<void> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (health.down) return withoutRedis(scope, cost, signal, options);
      const entry = scopeFor(scope);
      // The head, whose question is with Redis, does not count as waiting.
      if (entry.queue.size > o.maxQueue) {
        return Promise.reject(
          new QueueFullError(
            `The throttle queue for scope "${scope}" is full (${o.maxQueue} attempts waiting): send fewer concurrent calls or raise maxQueue.`,
          ),
        );
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { cost, options, signal, resolve, reject, node: undefined, detach: () => {} };
        const queued = queueAbortable(entry.queue, waiter, signal, (reason) => {
          reject(reason);
          pump(entry);
        });
        waiter.node = queued.node;
        waiter.detach = queued.detach;
        pump(entry);
      });
    },
    record(scope: string, feedback: ThrottleFeedback): void {
      if (health.down && o.onRedisError === 'fail-open') failOpen.enter(scope, health.episode);
      if (attempts.settle(scope) === 'local') {
        failOpen.record(scope, feedback);
        return;
      }
      if (health.down) {
        health.poke();
        return;
      }
      bounded(script.record(keyOf(scope), feedback, tail())).then((reply) => {
        answered(scope, reply.sighting);
        const entry = scopes.get(scope);
        if (entry !== undefined) pump(entry);
      }, redisFailed);
    },
    queued: (scope) => scopes.get(scope)?.queue.size ?? 0,
    inspect: (scope) => bounded(script.inspect(keyOf(scope))),
    activeProcesses: (scope) => bounded(script.count(keyOf(scope))),
    inspectLocal: (scope) => own?.inspect(scope),
    breakerShare: createRedisBreakerShare({ client: o.client, keyPrefix: o.keyPrefix, clock }),
    get degraded() {
      return health.down;
    },
    whenIdle: () => calls.whenIdle(),
  };
  return throttle;
}
