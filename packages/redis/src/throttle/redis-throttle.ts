import type { ScopeState, Throttle } from '@staunch/core';
import type { RedisBreakerShare } from '../breaker/redis-breaker-share.js';

/** The Redis-shared throttle, with read-only views for tests, metrics and shutdown. */
export interface RedisThrottle extends Throttle {
  /** Attempts of this process waiting for the scope. */
  queued(scope: string): number;
  /** The scope's state as Redis holds it, or `undefined` when it holds none. */
  inspect(scope: string): Promise<ScopeState | undefined>;
  /** Processes (shared throttles) whose lease on the scope is live: each called on it within `leaseMs`. */
  activeProcesses(scope: string): Promise<number>;
  /** The fail-open learner's state for the scope; `undefined` if it holds none, or with a caller's `fallback`. */
  inspectLocal(scope: string): ScopeState | undefined;
  /** True while Redis is taken as unreachable (decisions go to the fallback, or fail closed). */
  readonly degraded: boolean;
  /**
   * The failover chain's breakers, shared through the same Redis: a chain whose `throttle` is this
   * one uses it unless its `failover.breakerShare` says otherwise.
   */
  readonly breakerShare: RedisBreakerShare;
  /** Resolves once no Redis call of this throttle is under way: await it before closing the client. */
  whenIdle(): Promise<void>;
}
