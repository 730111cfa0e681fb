import {
  createAdaptiveThrottle,
  QueueFullError,
  type QueueNode,
  queueAbortable,
  type ScopeState,
  type Throttle,
  type ThrottleCost,
  type ThrottleFeedback,
  WAIT_FOR_RELEASE,
  WaiterQueue,
  WakeTimer,
} from '@staunch/core';
import { RedisUnavailableError } from '../redis-unavailable-error.js';
import { throttleScript } from '../script/throttle-script.js';
import { FallbackLedger } from './fallback-ledger.js';
import { InFlight } from './in-flight.js';
import { RedisHealth } from './redis-health.js';
import { KEY_SCHEMA, type RedisThrottleOptions, resolveRedisThrottleOptions } from './redis-throttle-options.js';
import { withTimeout } from './with-timeout.js';

/** The Redis-shared throttle, with read-only views for tests, metrics and shutdown. */
export interface RedisThrottle extends Throttle {
  /** Attempts of this process waiting for the scope. */
  queued(scope: string): number;
  /** The scope's state as Redis holds it, or `undefined` when it holds none. */
  inspect(scope: string): Promise<ScopeState | undefined>;
  /** True while Redis is taken as unreachable (decisions go to the fallback, or fail closed). */
  readonly degraded: boolean;
  /** Resolves once no Redis call of this throttle is under way: await it before closing the client. */
  whenIdle(): Promise<void>;
}

interface Waiter {
  readonly cost: ThrottleCost;
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

const CANCELLED: ThrottleFeedback = Object.freeze({
  cost: { requests: 0, tokens: 0 },
  reason: undefined,
  status: undefined,
  retryAfterMs: undefined,
  rateLimits: [],
  cancelled: true,
});

/**
 * The throttle seam on Redis: every decision is one atomic script call on the scope's hash
 * (the state and learner of core's adaptive throttle, see throttle-lua.ts), so a 429 seen by
 * one process slows every process on that scope. Waiters stay local: a FIFO per scope, whose
 * head alone asks Redis and, told to wait, asks again when the wait is over. Redis errors and
 * timeouts hand every decision to the fallback (or reject it) until a probe finds Redis again.
 */
export function createRedisThrottle(options: RedisThrottleOptions): RedisThrottle {
  const o = resolveRedisThrottleOptions(options);
  const { clock } = o;
  const fallback = options.fallback ?? createAdaptiveThrottle({ clock, maxQueue: o.maxQueue, tuning: o.tuning });
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
  const health = new RedisHealth(clock, o.probeIntervalMs, () => bounded(script.ping(keyOf(''))));
  const ledger = new FallbackLedger();
  const scopes = new Map<string, LocalScope>();
  let lastError: unknown;

  /** Hands back a grant nobody will use (its waiter left, or its reply came too late). */
  const release = (key: string): void => {
    bounded(script.record(key, CANCELLED)).catch(() => {});
  };
  const unavailable = (cause: unknown): RedisUnavailableError =>
    new RedisUnavailableError(
      `The shared throttle could not reach Redis (${cause instanceof Error ? cause.message : String(cause)}); onRedisError is 'fail-closed'. Check the connection, or use 'fail-open' to pace locally meanwhile.`,
      { cause },
    );
  const withoutRedis = (scope: string, cost: ThrottleCost, signal: AbortSignal | undefined): Promise<void> => {
    health.poke();
    if (o.onRedisError === 'fail-closed') return Promise.reject(unavailable(lastError));
    return fallback.acquire(scope, cost, signal).then(() => ledger.granted(scope));
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
        withoutRedis(entry.scope, waiter.cost, waiter.signal).then(waiter.resolve, waiter.reject);
      }
      forget(entry);
    }
  };
  const grant = (entry: LocalScope, head: Waiter, node: QueueNode<Waiter>): void => {
    entry.queue.remove(node);
    head.detach();
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
    const late = (waitMs: number): void => {
      if (waitMs === 0) release(entry.key);
    };
    bounded(script.acquire(entry.key, head.cost), late).then(
      (waitMs) => {
        entry.asking = false;
        health.succeeded();
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

  return {
    acquire(scope: string, cost: ThrottleCost, signal?: AbortSignal): Promise<void> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (health.down) return withoutRedis(scope, cost, signal);
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
        const waiter: Waiter = { cost, signal, resolve, reject, node: undefined, detach: () => {} };
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
      if (ledger.settle(scope)) {
        fallback.record(scope, feedback);
        return;
      }
      if (health.down) {
        health.poke();
        return;
      }
      bounded(script.record(keyOf(scope), feedback)).then(() => {
        health.succeeded();
        const entry = scopes.get(scope);
        if (entry !== undefined) pump(entry);
      }, redisFailed);
    },
    queued: (scope) => scopes.get(scope)?.queue.size ?? 0,
    inspect: (scope) => bounded(script.inspect(keyOf(scope))),
    get degraded() {
      return health.down;
    },
    whenIdle: () => calls.whenIdle(),
  };
}
