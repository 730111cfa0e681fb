import { QueueFullError } from '../errors/queue-full-error.js';
import { acquireStep, WAIT_FOR_RELEASE } from './acquire-step.js';
import { recordStep } from './record-step.js';
import { initialScopeState, type ScopeState } from './scope-state.js';
import type { AcquireOptions, Throttle, ThrottleCost, ThrottleFeedback } from './throttle.js';
import { type AdaptiveThrottleOptions, resolveThrottleOptions } from './throttle-options.js';
import { queueAbortable, WaiterQueue } from './waiter-queue.js';
import { WakeTimer } from './wake-timer.js';

/** The in-memory adaptive throttle, with a read-only view for tests and metrics. */
export interface AdaptiveThrottle extends Throttle {
  /** The scope's current state, or `undefined` when it is not held (never seen, or evicted). */
  inspect(scope: string): ScopeState | undefined;
  /** Attempts waiting in the scope's queue. */
  queued(scope: string): number;
  /** Scopes held in memory. */
  readonly scopes: number;
}

interface Waiter {
  readonly cost: ThrottleCost;
  readonly resolve: () => void;
  /** Removes the abort listener: called once the waiter leaves the queue. */
  detach: () => void;
}

interface Scope {
  state: ScopeState;
  readonly queue: WaiterQueue<Waiter>;
  readonly wake: WakeTimer;
  lastActive: number;
}

/**
 * A throttle per scope, in memory: FIFO waiters (abortable, bounded), pacing learned from 429s
 * and read from rate-limit headers. The decisions are the pure steps in acquire-step.ts and
 * record-step.ts; this module only queues, times and forgets. One per engine by default.
 */
export function createAdaptiveThrottle(options: AdaptiveThrottleOptions = {}): AdaptiveThrottle {
  const { clock, maxQueue, idleEvictMs, tuning } = resolveThrottleOptions(options);
  const scopes = new Map<string, Scope>();
  let lastSweep = clock.now();

  /** Grants queued waiters, head first, while the state allows; then waits for time or a release. */
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
      entry = {
        state: initialScopeState(now, tuning, scout),
        queue: new WaiterQueue(),
        wake: new WakeTimer(clock),
        lastActive: now,
      };
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
        if (step.waitMs === 0) return Promise.resolve();
      }
      if (entry.queue.size >= maxQueue) {
        return Promise.reject(
          new QueueFullError(
            `The throttle queue for scope "${scope}" is full (${maxQueue} attempts waiting): send fewer concurrent calls or raise maxQueue.`,
          ),
        );
      }
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = { cost, resolve, detach: () => {} };
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
    get scopes() {
      return scopes.size;
    },
  };
}
