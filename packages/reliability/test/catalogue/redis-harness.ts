import type { Clock, PolicyInput } from '@staunch/core';
import {
  createRedisThrottle,
  DEFAULT_REDIS_TIMEOUT_MS,
  fromNodeRedis,
  isNoScriptError,
  KEY_SCHEMA,
  type RedisThrottle,
  type RedisThrottleOptions,
} from '@staunch/redis';
import type { FaultStep } from '@staunch/testing';
import { createClient } from 'redis';
import type { CaseContext } from './row.js';

// What the group I cases (the Redis-shared limiter) share: where Redis is, clients, and one call
// through the adapter with the Redis throttle, timed.

const CI = process.env.CI === 'true';
const REDIS_URL = process.env.REDIS_URL || undefined;

/** Why group I does not run here; under CI=true a missing Redis fails the cases instead (as in packages/redis). */
export const REDIS_NOT_APPLICABLE =
  REDIS_URL === undefined && !CI ? 'REDIS_URL is not set (.ci/run starts Redis)' : undefined;

/** The test run's Redis, shared with other tests: only keys under a case's own prefix are touched. */
export function sharedRedisUrl(): string {
  if (REDIS_URL === undefined) {
    throw new Error('REDIS_URL is not set under CI=true: rows I50–I53 must run in CI (.ci/run starts Redis).');
  }
  return REDIS_URL;
}

/** The library's decision bound (`redisTimeoutMs`, default 250 ms) plus timer lateness on a busy two-core machine. */
export const DECISION_BOUND_MS = DEFAULT_REDIS_TIMEOUT_MS + 200;
/** A restarted Redis is used again within this: the reconnect (50 ms below) and a probe (every 200 ms). */
export const RECOVERY_BOUND_MS = 1500;
const RECONNECT_MS = 50;

/** Reconnects every 50 ms: recovery after a restart is bounded by the client's own reconnect delay. */
const newClient = (url: string) =>
  createClient({ url, socket: { reconnectStrategy: RECONNECT_MS, connectTimeout: 1000 } });
export type RedisClient = ReturnType<typeof newClient>;

export interface TestClient {
  /** The node-redis client, for the faults (SCRIPT FLUSH, CONFIG SET) and checks. */
  readonly redis: RedisClient;
  /** `EVALSHA` calls Redis answered with `NOSCRIPT` (its script cache was empty). */
  readonly noScripts: number;
  /** A throttle on this client under `prefix`. */
  throttle(prefix: string, options?: Omit<RedisThrottleOptions, 'client' | 'keyPrefix'>): RedisThrottle;
  close(): Promise<void>;
}

/**
 * A node-redis client. `wait: false` returns before it has connected, as an app that starts while
 * Redis is down does (its commands queue until the connection is made).
 */
export async function connectRedis(
  url: string,
  { wait = true }: { readonly wait?: boolean } = {},
): Promise<TestClient> {
  const redis = newClient(url);
  redis.on('error', () => {});
  const connected = redis.connect();
  if (wait) await connected;
  else connected.catch(() => {});
  const script = fromNodeRedis(redis);
  let noScripts = 0;
  const counted = {
    evalsha: (sha: string, keys: readonly string[], args: readonly string[]) =>
      script.evalsha(sha, keys, args).catch((error: unknown) => {
        if (isNoScriptError(error)) noScripts += 1;
        throw error;
      }),
    eval: script.eval,
  };
  return {
    redis,
    get noScripts() {
      return noScripts;
    },
    throttle: (prefix, options) => createRedisThrottle({ ...options, client: counted, keyPrefix: prefix }),
    close: async () => redis.destroy(),
  };
}

/** A key prefix no other case, adapter or run uses. */
export const uniquePrefix = (context: CaseContext): string =>
  `catalogue:${context.id}:${process.pid}:${Math.random().toString(36).slice(2, 8)}:`;

export const keyOf = (prefix: string, scope: string): string => `${prefix}${KEY_SCHEMA}${scope}`;

/** Deletes a prefix's keys from the shared Redis (they would expire anyway, after 10 minutes). */
export async function deletePrefix(redis: RedisClient, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`);
  if (keys.length > 0) await redis.del(keys);
}

/** Scripts `steps` on the fault server under the case's id (plus `suffix`) and returns the URL. */
export function scripted(context: CaseContext, steps: FaultStep[], suffix = ''): string {
  const id = `${context.id}${suffix}`;
  context.servers.fault.script(id, steps);
  return `${context.servers.fault.url}/s/${id}/v1/chat/completions`;
}

export interface Call {
  readonly outcome: string;
  /** The whole call, ms. */
  readonly ms: number;
  /**
   * How long the throttle took to decide the first attempt, ms: its `throttleWaitMs`, or the
   * whole call when the throttle refused it (nothing was sent). Loopback HTTP is left out, so
   * the bound below is about the library's decision, not about a busy machine's sockets.
   */
  readonly decidedMs: number;
  /** The throttle scope of the call's attempts (`undefined` when none was sent). */
  readonly scope: string | undefined;
}

export interface CallOptions {
  readonly throttle: RedisThrottle;
  readonly clock?: Clock;
  readonly policy?: PolicyInput;
}

/** One call through the case's adapter with the Redis throttle, timed. */
export async function call(context: CaseContext, url: string, options: CallOptions): Promise<Call> {
  let first: { scope: string; throttleWaitMs: number } | undefined;
  const began = performance.now();
  const outcome = await context.send({
    url,
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    options: { throttle: options.throttle, ...(options.clock === undefined ? {} : { clock: options.clock }) },
    events: (events) => {
      events.onAttempt((attempt) => {
        first ??= attempt;
      });
    },
  });
  const ms = performance.now() - began;
  return { outcome, ms, decidedMs: first?.throttleWaitMs ?? ms, scope: first?.scope };
}

export const inBound = (made: Call): boolean => made.decidedMs < DECISION_BOUND_MS;

/** `200 decided<450ms`, or how long the decision took when that is over the bound. */
export const decided = (made: Call): string =>
  inBound(made)
    ? `${made.outcome} decided<${DECISION_BOUND_MS}ms`
    : `${made.outcome} decided in ${Math.round(made.decidedMs)}ms`;

/** `down: 200 decided<450ms` — the distinct outcomes of one phase's calls. */
export const timedPhase = (name: string, made: readonly Call[]): string =>
  `${name}: ${[...new Set(made.map(decided))].join(' | ')}`;

/** `before: 200` — the distinct outcomes of one phase's calls, where Redis is healthy and time is not the point. */
export const phase = (name: string, made: readonly Call[]): string =>
  `${name}: ${[...new Set(made.map((c) => c.outcome))].join(' | ')}`;

/** `n` calls one after the other. */
export async function calls(n: number, next: () => Promise<Call>): Promise<Call[]> {
  const done: Call[] = [];
  for (let i = 0; i < n; i++) done.push(await next());
  return done;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
