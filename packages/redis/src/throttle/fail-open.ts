import type { AcquireOptions, Clock, Throttle, ThrottleCost, ThrottleFeedback, ThrottleTuning } from '@staunch/core';
import type { LocalThrottle } from './local-throttle.js';
import type { OpenAttempts } from './open-attempts.js';
import { rebuildPayload, shareFeedback, shareOf } from './share-state.js';
import type { SharedViews } from './shared-views.js';

export interface FailOpenOptions {
  readonly clock: Clock;
  readonly tuning: ThrottleTuning;
  /** The throttle the process falls back to. */
  readonly fallback: Throttle;
  /** The same throttle when it is the shared throttle's own (seeded at the share); `undefined` for a caller's `fallback`. */
  readonly own: LocalThrottle | undefined;
  readonly attempts: OpenAttempts;
  readonly views: SharedViews;
}

interface Episode {
  /** The outage (RedisHealth.episode) in which the scope last fell back. */
  readonly episode: number;
  /** The processes whose share the local learner paces. */
  readonly processes: number;
  /** The scope's first acquire back on Redis still owes Redis what the local learner learned. */
  pending: boolean;
}

/**
 * What a process does on a scope while Redis is away, and what it brings back. On a scope's
 * first decision of an outage the local learner is seeded at this process's share of the last
 * shared state it saw (rate ÷ live processes, learning on from there, see share-state.ts) and
 * takes over the attempts Redis granted, so their records teach it. When Redis answers again the
 * scope's first acquire carries the local learner, this process's share, for the script to
 * rebuild a scope Redis lost from the shares of the processes coming back (presence-lua.ts). A
 * caller's own `fallback` is used as it is: no seeding, no rebuild.
 */
export class FailOpen {
  readonly #o: FailOpenOptions;
  readonly #scopes = new Map<string, Episode>();
  #episode = 0;

  constructor(options: FailOpenOptions) {
    this.#o = options;
  }

  /** Called by every decision on `scope` while Redis is down, in outage `episode`. */
  enter(scope: string, episode: number): void {
    const { own, attempts, views, tuning } = this.#o;
    if (own === undefined || this.#scopes.get(scope)?.episode === episode) return;
    if (episode !== this.#episode) {
      this.#episode = episode;
      for (const [s, e] of this.#scopes) if (!e.pending) this.#scopes.delete(s);
    }
    const held = attempts.handOver(scope);
    const view = views.get(scope);
    if (view !== undefined) own.restore(scope, shareOf(view, this.#o.clock.now(), held, tuning));
    this.#scopes.set(scope, { episode, processes: view?.processes ?? 1, pending: true });
  }

  /** The own throttle counts its grants itself (it may hand waiters back); a caller's is counted here. */
  acquire(scope: string, cost: ThrottleCost, signal: AbortSignal | undefined, options?: AcquireOptions): Promise<void> {
    const granted = this.#o.fallback.acquire(scope, cost, signal, options);
    if (this.#o.own !== undefined) return granted;
    return granted.then(() => this.#o.attempts.granted(scope, 'local'));
  }

  record(scope: string, feedback: ThrottleFeedback): void {
    const processes = this.#o.own === undefined ? 1 : (this.#scopes.get(scope)?.processes ?? 1);
    this.#o.fallback.record(scope, shareFeedback(feedback, processes));
  }

  /** The rebuild payload for the scope's next acquire on Redis, if it owes one; `downSince` on the local clock. */
  rebuild(scope: string, downSince: number): string | undefined {
    const entry = this.#scopes.get(scope);
    const state = entry?.pending ? this.#o.own?.inspect(scope) : undefined;
    if (entry === undefined || state === undefined) return undefined;
    const now = this.#o.clock.now();
    return rebuildPayload(state, now, now - downSince, this.#o.tuning);
  }

  /** Redis answered the scope's acquire: whatever the script chose, the payload has been offered. */
  rebuilt(scope: string): void {
    const entry = this.#scopes.get(scope);
    if (entry !== undefined) entry.pending = false;
  }
}
