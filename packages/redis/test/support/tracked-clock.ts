import { type Clock, flushMicrotasks, type TimerHandle, VirtualClock } from '@staunch/core';

/**
 * A virtual clock that knows its next due timer, so a test can move time to each timer in turn
 * and let real I/O (a Redis round trip) settle in between: virtual time stands still while a
 * reply is on its way, as if Redis answered instantly.
 */
export class TrackedClock implements Clock {
  readonly #inner = new VirtualClock();
  readonly #due = new Map<TimerHandle, number>();

  now = (): number => this.#inner.now();
  wallNow = (): number => this.#inner.wallNow();

  setTimeout = (callback: () => void, ms: number): TimerHandle => {
    const handle = this.#inner.setTimeout(() => {
      this.#due.delete(handle);
      callback();
    }, ms);
    this.#due.set(handle, this.#inner.now() + Math.max(0, ms));
    return handle;
  };

  clearTimeout = (handle: TimerHandle): void => {
    this.#due.delete(handle);
    this.#inner.clearTimeout(handle);
  };

  /** Advances by `ms`, one due timer at a time, waiting for `settle` after each. */
  async advance(ms: number, settle: () => Promise<void>): Promise<void> {
    const target = this.now() + ms;
    await settle();
    for (;;) {
      const next = Math.min(...this.#due.values());
      if (!Number.isFinite(next) || next > target) break;
      await this.#inner.advance(Math.max(0, next - this.now()));
      await settle();
    }
    await this.#inner.advance(target - this.now());
    await settle();
  }
}

/** Settles once `pending()` stays at 0 across a flush of the event loop. */
export async function settleWhile(pending: () => number): Promise<void> {
  do await flushMicrotasks(2);
  while (pending() > 0);
}
