/** An opaque handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = unknown;

/**
 * The source of time for the engine and the throttle. Inject a virtual clock in tests
 * (`@staunch/testing` ships one) so that no test sleeps for real.
 */
export interface Clock {
  /** Monotonic milliseconds: deadlines, backoff and buckets use this, never the wall clock. */
  now(): number;
  /** Wall-clock epoch milliseconds, only for server dates (`Retry-After`, reset instants). */
  wallNow(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The largest delay a JavaScript timer accepts (2^31 − 1 ms); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * The real clock. Timer functions are looked up on every call, not captured at import, so a
 * caller's fake timers installed later still apply.
 */
export const systemClock: Clock = Object.freeze({
  now: () => performance.now(),
  wallNow: () => Date.now(),
  setTimeout: (callback: () => void, ms: number): TimerHandle =>
    globalThis.setTimeout(callback, Math.min(Math.max(0, ms), MAX_TIMER_MS)),
  clearTimeout: (handle: TimerHandle): void =>
    globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
});
