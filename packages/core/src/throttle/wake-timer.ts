import { type Clock, MAX_TIMER_MS, type TimerHandle } from '../runtime/clock.js';

/**
 * A scope's single pending wake-up. Scheduling keeps the earlier of the pending and the new
 * instant, so a scope never holds more than one timer; waits are whole ms in [1, 2^31 − 1].
 */
export class WakeTimer {
  readonly #clock: Clock;
  #timer: TimerHandle | undefined;
  #at = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  get pending(): boolean {
    return this.#timer !== undefined;
  }

  schedule(waitMs: number, wake: () => void): void {
    const now = this.#clock.now();
    const at = now + Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(waitMs)));
    if (this.#timer !== undefined && this.#at <= at) return;
    this.clear();
    this.#at = at;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      wake();
    }, at - now);
  }

  clear(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
