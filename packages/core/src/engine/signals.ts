import type { Clock, TimerHandle } from '../runtime/clock.js';

/** Sentinel reasons the engine uses for its own aborts, told apart from the caller's. */
export const DEADLINE = Symbol('staunch.deadline');
export const ATTEMPT_TIMEOUT = Symbol('staunch.attempt-timeout');

/**
 * A signal that fires when a parent signal does, or when an optional timer runs out.
 * `dispose()` clears the timer and must run on every path.
 */
export interface LinkedController {
  readonly signal: AbortSignal;
  dispose(): void;
}

/**
 * Follows the parent through `AbortSignal.any`, which registers no event listener on it: a
 * caller may share one signal across thousands of concurrent calls without a
 * MaxListenersExceededWarning, and nothing is left on it after a call settles.
 */
export function linkedController(
  clock: Clock,
  parent: AbortSignal | undefined,
  timeoutMs: number | undefined,
  timeoutReason: unknown,
): LinkedController {
  const own = new AbortController();
  const signal = parent === undefined ? own.signal : AbortSignal.any([parent, own.signal]);
  let timer: TimerHandle | undefined;
  if (timeoutMs !== undefined && !signal.aborted) {
    timer = clock.setTimeout(() => own.abort(timeoutReason), Math.max(0, timeoutMs));
  }
  return {
    signal,
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * Settles with `promise`, or rejects with `signal.reason` as soon as the signal aborts, even
 * if the promise never settles (a transport that ignores its signal cannot hold a call).
 */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** The transport's signal: our attempt signal, plus the caller's directly so that it keeps
 * governing a returned response's body after the call settles. */
export function transportSignal(caller: AbortSignal | undefined, attempt: AbortSignal): AbortSignal {
  return caller === undefined ? attempt : AbortSignal.any([caller, attempt]);
}
