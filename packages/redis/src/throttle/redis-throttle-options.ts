import {
  type Clock,
  ConfigError,
  DEFAULT_IDLE_EVICT_MS,
  DEFAULT_MAX_QUEUE,
  DEFAULT_TUNING,
  MAX_TIMER_MS,
  systemClock,
  type Throttle,
  type ThrottleTuning,
} from '@staunch/core';
import type { ScriptClient } from '../client/script-client.js';

/** What the shared throttle does when Redis errs or does not answer in time. */
export type RedisErrorMode = 'fail-open' | 'fail-closed';

/** Options of {@link createRedisThrottle}. */
export interface RedisThrottleOptions {
  /** The connection, via `fromNodeRedis(client)` or `fromIoredis(client)`. */
  readonly client: ScriptClient;
  /**
   * Prepended to every key; keys read `${keyPrefix}staunch:v1:throttle:${scope}`. The `v1`
   * changes when the stored state's layout does, so two versions never misread each other.
   * @default ''
   * @example 'myapp:'
   */
  readonly keyPrefix?: string;
  /**
   * `'fail-open'`: decide on this process's own in-memory throttle (core's adaptive throttle,
   * or `fallback`) until Redis answers again. `'fail-closed'`: reject with `RedisUnavailableError`.
   * @default 'fail-open'
   */
  readonly onRedisError?: RedisErrorMode;
  /** A Redis call that has not answered after this long counts as an error, ms. @default 250 */
  readonly redisTimeoutMs?: number;
  /** While Redis is down, a read-only probe checks it at most this often, ms. @default 200 */
  readonly probeIntervalMs?: number;
  /** A scope's key expires after this long without a decision, ms. @default 600000 */
  readonly keyTtlMs?: number;
  /**
   * This process's presence on a scope, and the attempts it holds there, lapse this long after
   * its last word to Redis, ms: a process killed mid-call frees its slots within it. Every call
   * renews the lease, and while the process holds attempts a heartbeat does every third of it.
   * @default 3000
   */
  readonly leaseMs?: number;
  /**
   * A waiter held for a free slow-start slot asks Redis again this often, ms (another process's
   * release is not announced; this process's own releases retry at once). @default 5
   */
  readonly releasePollMs?: number;
  /** Attempts that may wait per scope in this process; one more gets `QueueFullError`. @default 10000 */
  readonly maxQueue?: number;
  /** Learning constants (see core's `DEFAULT_TUNING`); every process of a scope should use the same. */
  readonly tuning?: Partial<ThrottleTuning>;
  /** Local timers (waits, timeouts, probes, heartbeats). @default the system clock */
  readonly clock?: Clock;
  /**
   * The fail-open throttle, used as it is. By default the shared throttle's own in-memory
   * learner (core's steps), seeded on each scope at this process's share of the last shared
   * state it saw — the rate ÷ the processes then on the scope — and, once Redis answers again,
   * offered back to rebuild the scope if Redis lost it. A custom one gets neither.
   * @default the shared throttle's own, with this clock, queue bound and tuning
   */
  readonly fallback?: Throttle;
  /**
   * Whose time the script decides on. `'redis'` (Redis's `TIME`) in production: one clock for
   * every process. `'clock'` passes `clock.now()` — for tests on a virtual clock only.
   * @default 'redis'
   */
  readonly timeSource?: 'redis' | 'clock';
}

export interface ResolvedRedisThrottleOptions {
  readonly client: ScriptClient;
  readonly keyPrefix: string;
  readonly onRedisError: RedisErrorMode;
  readonly redisTimeoutMs: number;
  readonly probeIntervalMs: number;
  readonly keyTtlMs: number;
  readonly leaseMs: number;
  readonly releasePollMs: number;
  readonly maxQueue: number;
  readonly tuning: ThrottleTuning;
  readonly clock: Clock;
  readonly timeSource: 'redis' | 'clock';
}

export const DEFAULT_REDIS_TIMEOUT_MS = 250;
export const DEFAULT_PROBE_INTERVAL_MS = 200;
export const DEFAULT_KEY_TTL_MS = DEFAULT_IDLE_EVICT_MS;
/**
 * A few heartbeats long (one a second), so one late or lost heartbeat never drops a live
 * process, and short enough that a killed process's slots come back within a few seconds.
 */
export const DEFAULT_LEASE_MS = 3000;
/**
 * Measured in the arena's shared-key scenario (4 processes, 50 req/s): 20 ms left slow start
 * starved, 0.89–0.95 of capacity; 5 ms reached 0.99 (two runs), at one small Redis call per
 * waiting head per poll, and only while the scope is still in slow start.
 */
export const DEFAULT_RELEASE_POLL_MS = 5;
/** The schema version in every key. */
export const KEY_SCHEMA = 'staunch:v1:throttle:';

export function resolveRedisThrottleOptions(options: RedisThrottleOptions): ResolvedRedisThrottleOptions {
  const client = options?.client as Partial<ScriptClient> | undefined;
  if (typeof client?.evalsha !== 'function' || typeof client.eval !== 'function') {
    throw new ConfigError(
      'client',
      'expected a script client. Wrap your client: fromNodeRedis(client) or fromIoredis(client).',
    );
  }
  const keyPrefix = options.keyPrefix ?? '';
  if (typeof keyPrefix !== 'string') throw new ConfigError('keyPrefix', `expected a string, got ${typeof keyPrefix}.`);
  const onRedisError = options.onRedisError ?? 'fail-open';
  if (onRedisError !== 'fail-open' && onRedisError !== 'fail-closed') {
    throw new ConfigError(
      'onRedisError',
      `expected "fail-open" or "fail-closed", got ${JSON.stringify(onRedisError)}.`,
    );
  }
  const timeSource = options.timeSource ?? 'redis';
  if (timeSource !== 'redis' && timeSource !== 'clock') {
    throw new ConfigError('timeSource', `expected "redis" or "clock", got ${JSON.stringify(timeSource)}.`);
  }
  return {
    client: options.client,
    keyPrefix,
    onRedisError,
    redisTimeoutMs: ms('redisTimeoutMs', options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS, 1, 'Use e.g. 250.'),
    probeIntervalMs: ms('probeIntervalMs', options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS, 1, 'Use e.g. 200.'),
    keyTtlMs: Math.ceil(ms('keyTtlMs', options.keyTtlMs ?? DEFAULT_KEY_TTL_MS, 1, 'Use e.g. 600000.')),
    leaseMs: Math.ceil(ms('leaseMs', options.leaseMs ?? DEFAULT_LEASE_MS, 3, 'Use e.g. 3000.')),
    releasePollMs: ms('releasePollMs', options.releasePollMs ?? DEFAULT_RELEASE_POLL_MS, 1, 'Use e.g. 5.'),
    maxQueue: integer('maxQueue', options.maxQueue ?? DEFAULT_MAX_QUEUE, 'Use e.g. 10000.'),
    tuning: Object.freeze({ ...DEFAULT_TUNING, ...options.tuning }),
    clock: options.clock ?? systemClock,
    timeSource,
  };
}

function ms(field: string, value: unknown, min: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMER_MS) {
    throw new ConfigError(field, `expected milliseconds from ${min} to ${MAX_TIMER_MS}, got ${String(value)}. ${fix}`);
  }
  return value;
}

function integer(field: string, value: unknown, fix: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ConfigError(field, `expected a non-negative integer, got ${String(value)}. ${fix}`);
  }
  return value;
}
