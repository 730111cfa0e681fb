import type { Clock, TimerHandle } from '@staunch/core';

/**
 * A repeating timer on the injected clock, running only between `start()` and `stop()` (the
 * throttle starts it while the process holds attempts, so an idle process keeps no timer).
 * Where the runtime's handle has `unref`, the timer alone never keeps the process alive.
 */
export class Heartbeat {
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #beat: () => void;
  #timer: TimerHandle | undefined;

  constructor(clock: Clock, intervalMs: number, beat: () => void) {
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#beat = beat;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    const timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.start();
      this.#beat();
    }, this.#intervalMs);
    (timer as { unref?: () => void } | undefined)?.unref?.();
    this.#timer = timer;
  }

  stop(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
