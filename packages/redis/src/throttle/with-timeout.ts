import type { Clock } from '@staunch/core';

/** What a call that did not answer in time rejects with (the `cause` of a fail-closed error). */
export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * `work`, or a rejection after `ms` on `clock` — whichever comes first. A reply that arrives
 * after the timeout goes to `onLate` (so a grant Redis made can be handed back); a late error
 * is dropped, never an unhandled rejection.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, clock: Clock, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = clock.setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new RedisTimeoutError(ms));
    }, ms);
    work.then(
      (value) => {
        if (settled) return onLate?.(value);
        settled = true;
        clock.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
