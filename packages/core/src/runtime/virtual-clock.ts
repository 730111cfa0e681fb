import type { Clock, TimerHandle } from './clock.js';

interface Timer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * A clock that only moves when told to, for tests and simulations. Timers fire in order of due time (then creation),
 * and `advance()` lets the promise continuations they trigger run before firing the next one,
 * so code that awaits between timers behaves as it would in real time.
 */
export class VirtualClock implements Clock {
  #now: number;
  #wallOffset: number;
  #nextId = 1;
  #timers: Timer[] = [];
  /** Every delay passed to `setTimeout`, in order: lets tests assert on sleeps. */
  readonly scheduled: number[] = [];

  constructor(options: { start?: number; wallStart?: number } = {}) {
    this.#now = options.start ?? 0;
    this.#wallOffset = (options.wallStart ?? Date.UTC(2026, 0, 1)) - this.#now;
  }

  now(): number {
    return this.#now;
  }

  wallNow(): number {
    return this.#now + this.#wallOffset;
  }

  /** Moves the wall clock alone (a system clock jump); monotonic time is untouched. */
  jumpWall(deltaMs: number): void {
    this.#wallOffset += deltaMs;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    this.scheduled.push(delay);
    const timer = { id: this.#nextId++, at: this.#now + delay, callback };
    this.#timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers = this.#timers.filter((timer) => timer.id !== handle);
  }

  /** Timers not yet fired or cleared. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Advances by `ms`, firing every timer due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    await flushMicrotasks();
    for (;;) {
      const next = this.#earliest();
      if (next === undefined || next.at > target) break;
      this.#fire(next);
      await flushMicrotasks();
    }
    this.#now = target;
    await flushMicrotasks();
  }

  /** Fires timers until none remain (or `limit` fired), jumping time as needed. */
  async runAll(limit = 10_000): Promise<void> {
    await flushMicrotasks();
    for (let fired = 0; fired < limit; fired++) {
      const next = this.#earliest();
      if (next === undefined) return;
      this.#fire(next);
      await flushMicrotasks();
    }
    throw new Error(`VirtualClock.runAll: more than ${limit} timers fired; is something rescheduling forever?`);
  }

  #earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const timer of this.#timers) if (best === undefined || timer.at < best.at) best = timer;
    return best;
  }

  #fire(timer: Timer): void {
    this.#timers = this.#timers.filter((entry) => entry !== timer);
    this.#now = Math.max(this.#now, timer.at);
    timer.callback();
  }
}

/**
 * Lets pending continuations run: every queued microtask, then a few turns of the real event
 * loop (stream reads in `Response` bodies settle on macrotasks).
 */
export async function flushMicrotasks(turns = 3): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => macrotask(resolve));
}

function macrotask(callback: () => void): void {
  if (typeof globalThis.setImmediate === 'function') globalThis.setImmediate(callback);
  else globalThis.setTimeout(callback, 0);
}
