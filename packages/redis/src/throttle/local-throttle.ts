import {
  type AcquireOptions,
  acquireStep,
  type Clock,
  initialScopeState,
  QueueFullError,
  queueAbortable,
  recordStep,
  type ScopeState,
  type Throttle,
  type ThrottleCost,
  type ThrottleFeedback,
  type ThrottleTuning,
  WAIT_FOR_RELEASE,
  WaiterQueue,
  WakeTimer,
} from '@staunch/core';

/**
 * The fail-open throttle: core's in-memory adaptive throttle (the same pure steps, queue and
 * timer), plus `restore`, which core's does not offer yet — the shared throttle seeds each scope
 * at this process's share of the shared state when Redis goes away. Core's `createAdaptiveThrottle`
 * with a `restore(scope, state)` method would replace this file.
 */
export interface LocalThrottle extends Throttle {
  /** The scope's state, or `undefined` when it is not held. */
  inspect(scope: string): ScopeState | undefined;
  /** Attempts waiting in the scope's queue. */
  queued(scope: string): number;
  /** Replaces the scope's state (creating the scope), then grants what the new state allows. */
  restore(scope: string, state: ScopeState): void;
  /**
   * Empties every queue: each waiter is decided by `to` instead (and its grant is not this
   * throttle's). The shared throttle hands its waiters back to Redis when Redis returns.
   */
  handBack(to: (scope: string, cost: ThrottleCost, signal: AbortSignal | undefined) => Promise<void>): void;
}

export interface LocalThrottleOptions {
  readonly clock: Clock;
  /** Called for each attempt this throttle grants, as it grants it. */
  readonly granted: (scope: string) => void;
  readonly maxQueue: number;
  readonly idleEvictMs: number;
  readonly tuning: ThrottleTuning;
}

interface Waiter {
  readonly cost: ThrottleCost;
  readonly signal: AbortSignal | undefined;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  detach: () => void;
}

interface Scope {
  readonly key: string;
  state: ScopeState;
  readonly queue: WaiterQueue<Waiter>;
  readonly wake: WakeTimer;
  lastActive: number;
}

export function createLocalThrottle(options: LocalThrottleOptions): LocalThrottle {
  const { clock, maxQueue, idleEvictMs, tuning, granted } = options;
  const scopes = new Map<string, Scope>();
  let lastSweep = clock.now();

  const pump = (entry: Scope): void => {
    const now = clock.now();
    for (let head = entry.queue.peek(); head !== undefined; head = entry.queue.peek()) {
      const step = acquireStep(entry.state, now, head.cost, tuning);
      entry.state = step.state;
      if (step.waitMs !== 0) {
        if (step.waitMs === WAIT_FOR_RELEASE) entry.wake.clear();
        else entry.wake.schedule(step.waitMs, () => pump(entry));
        return;
      }
      entry.queue.shift();
      head.detach();
      granted(entry.key);
      head.resolve();
    }
    entry.wake.clear();
  };
  const sweep = (now: number): void => {
    if (now - lastSweep < idleEvictMs) return;
    lastSweep = now;
    for (const [key, entry] of scopes) {
      const idle = entry.queue.size === 0 && entry.state.inflight === 0 && !entry.wake.pending;
      if (idle && now - entry.lastActive >= idleEvictMs) scopes.delete(key);
    }
  };
  const scopeFor = (key: string, now: number, scout: boolean): Scope => {
    let entry = scopes.get(key);
    if (entry === undefined) {
      const state = initialScopeState(now, tuning, scout);
      entry = { key, state, queue: new WaiterQueue(), wake: new WakeTimer(clock), lastActive: now };
      scopes.set(key, entry);
    }
    entry.lastActive = now;
    return entry;
  };

  return {
    acquire(scope: string, cost: ThrottleCost, signal?: AbortSignal, options?: AcquireOptions): Promise<void> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      const now = clock.now();
      sweep(now);
      const entry = scopeFor(scope, now, options?.scout === true);
      if (entry.queue.size === 0) {
        const step = acquireStep(entry.state, now, cost, tuning);
        entry.state = step.state;
        if (step.waitMs === 0) {
          granted(scope);
          return Promise.resolve();
        }
      }
      if (entry.queue.size >= maxQueue) {
        return Promise.reject(
          new QueueFullError(
            `The throttle queue for scope "${scope}" is full (${maxQueue} attempts waiting): send fewer concurrent calls or raise maxQueue.`,
          ),
        );
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { cost, signal, resolve, reject, detach: () => {} };
        waiter.detach = queueAbortable(entry.queue, waiter, signal, (reason) => {
          reject(reason);
          pump(entry);
        }).detach;
        pump(entry);
      });
    },
    record(scope: string, feedback: ThrottleFeedback): void {
      const entry = scopes.get(scope);
      if (entry === undefined) return;
      const now = clock.now();
      entry.state = recordStep(entry.state, now, feedback, tuning);
      entry.lastActive = now;
      pump(entry);
    },
    inspect: (scope) => scopes.get(scope)?.state,
    queued: (scope) => scopes.get(scope)?.queue.size ?? 0,
    restore(scope: string, state: ScopeState): void {
      const entry = scopeFor(scope, clock.now(), false);
      entry.state = state;
      entry.wake.clear();
      pump(entry);
    },
    handBack(to) {
      for (const entry of scopes.values()) {
        entry.wake.clear();
        for (let waiter = entry.queue.shift(); waiter !== undefined; waiter = entry.queue.shift()) {
          waiter.detach();
          to(entry.key, waiter.cost, waiter.signal).then(waiter.resolve, waiter.reject);
        }
      }
    },
  };
}
