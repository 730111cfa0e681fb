import type { Clock, ScopeState } from '@staunch/core';
import type { Sighting } from '../script/script-reply.js';

/** The last shared state this process saw of a scope, and when (on its own clock). */
export interface SharedView {
  readonly state: ScopeState;
  /** The script's time when it was seen (the state's instants are on that clock). */
  readonly seenAt: number;
  /** This process's `clock.now()` when the reply arrived. */
  readonly localAt: number;
  /** Live processes on the scope then (this one included). */
  readonly processes: number;
}

/**
 * The local copy of each scope's shared state, refreshed by every reply (each carries the state
 * after its decision), so a process that loses Redis knows the rate it was sharing and with how
 * many. A reply without state (the scope is gone from Redis) keeps the last copy: after a
 * restart that copy is what rebuilds the scope. Copies unused for `forgetAfterMs` are dropped.
 */
export class SharedViews {
  readonly #views = new Map<string, SharedView>();
  readonly #clock: Clock;
  readonly #forgetAfterMs: number;
  #sweptAt: number;

  constructor(clock: Clock, forgetAfterMs: number) {
    this.#clock = clock;
    this.#forgetAfterMs = forgetAfterMs;
    this.#sweptAt = clock.now();
  }

  saw(scope: string, sighting: Sighting): void {
    const localAt = this.#clock.now();
    this.#sweep(localAt);
    if (sighting.state === undefined) return;
    const processes = Math.max(1, sighting.processes);
    this.#views.set(scope, { state: sighting.state, seenAt: sighting.now, localAt, processes });
  }

  get(scope: string): SharedView | undefined {
    return this.#views.get(scope);
  }

  #sweep(now: number): void {
    if (now - this.#sweptAt < this.#forgetAfterMs) return;
    this.#sweptAt = now;
    for (const [scope, view] of this.#views) {
      if (now - view.localAt >= this.#forgetAfterMs) this.#views.delete(scope);
    }
  }
}
