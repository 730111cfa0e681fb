import type { Clock, TimerHandle } from '../runtime/clock.js';

/** Sentinel reasons the engine uses for its own aborts, told apart from the caller's. */
export const DEADLINE = Symbol('staunch.deadline');
export const ATTEMPT_TIMEOUT = Symbol('staunch.attempt-timeout');

/**
 * A signal that fires when a parent signal does, or when an optional timer runs out.
 * `dispose()` clears the timer (and any listener) and must run on every path.
 */
export interface LinkedController {
  readonly signal: AbortSignal;
  dispose(): void;
}

const NOTHING = (): void => {};

/**
 * The call's signal: the caller's, plus the deadline timer. It follows the caller's signal
 * through `AbortSignal.any`, which registers no event listener on it: one signal may be shared
 * by thousands of concurrent calls without a MaxListenersExceededWarning, nothing is left on it
 * after a call settles, and a response body handed over still aborts with it later.
 * (`AbortSignal.any` costs tens of µs, so it is made once per call, only when a caller signal is given.)
 */
export function callController(
  clock: Clock,
  caller: AbortSignal | undefined,
  timeoutMs: number | undefined,
  timeoutReason: unknown,
): LinkedController {
  const own = new AbortController();
  const signal = caller === undefined ? own.signal : AbortSignal.any([caller, own.signal]);
  if (timeoutMs === undefined) return { signal, dispose: NOTHING };
  return withTimer(clock, own, signal, timeoutMs, timeoutReason, NOTHING);
}

/**
 * One attempt's signal: the call's, plus the per-attempt timer. Without a timer it is the call's
 * signal itself. With one, it listens on the call's signal only while the attempt runs, and the
 * transport gets `AbortSignal.any` of both so that a body handed over still follows the call.
 */
export function attemptController(
  clock: Clock,
  callSignal: AbortSignal,
  timeoutMs: number | undefined,
  timeoutReason: unknown,
): LinkedController & { readonly transportSignal: AbortSignal } {
  if (timeoutMs === undefined) return { signal: callSignal, transportSignal: callSignal, dispose: NOTHING };
  const own = new AbortController();
  const follow = (): void => own.abort(callSignal.reason);
  if (callSignal.aborted) follow();
  else callSignal.addEventListener('abort', follow, { once: true });
  const linked = withTimer(clock, own, own.signal, timeoutMs, timeoutReason, () =>
    callSignal.removeEventListener('abort', follow),
  );
  return { ...linked, transportSignal: AbortSignal.any([callSignal, own.signal]) };
}

function withTimer(
  clock: Clock,
  own: AbortController,
  signal: AbortSignal,
  timeoutMs: number,
  timeoutReason: unknown,
  cleanup: () => void,
): LinkedController {
  let timer: TimerHandle | undefined;
  if (!signal.aborted) timer = clock.setTimeout(() => own.abort(timeoutReason), Math.max(0, timeoutMs));
  return {
    signal,
    dispose() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      cleanup();
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
