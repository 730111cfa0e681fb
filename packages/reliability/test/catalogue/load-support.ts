import {
  type AdaptiveThrottle,
  type AdaptiveThrottleOptions,
  createAdaptiveThrottle,
  type Throttle,
} from '@staunch/core';

// Small tools shared by the load rows (§9.2 group H): a throttle that notes its scopes, a worker
// pool, a bounded wait, and heap figures taken after a full collection.

/** One attempt's cost when the body says nothing. */
export const ONE_REQUEST = Object.freeze({ requests: 1, tokens: 0 });

/** A success as the engine reports it to the throttle. */
export const SUCCESS = Object.freeze({
  cost: ONE_REQUEST,
  reason: undefined,
  status: 200,
  retryAfterMs: undefined,
  rateLimits: Object.freeze([]),
  cancelled: false,
});

/** The in-memory throttle, and the scopes adapters acquired on and the ones that had to queue. */
export interface WatchedThrottle {
  readonly inner: AdaptiveThrottle;
  /** Pass this one to the adapter: it forwards to `inner`. */
  readonly throttle: Throttle;
  /** Scopes seen through `throttle`, in order. */
  readonly scopes: Set<string>;
  /** Acquires through `throttle` per scope that joined the queue instead of being granted at once. */
  readonly held: Map<string, number>;
}

export function watchedThrottle(options: AdaptiveThrottleOptions = {}): WatchedThrottle {
  const inner = createAdaptiveThrottle(options);
  const scopes = new Set<string>();
  const held = new Map<string, number>();
  const throttle: Throttle = {
    acquire(scope, cost, signal) {
      scopes.add(scope);
      const before = inner.queued(scope);
      const granted = inner.acquire(scope, cost, signal);
      if (inner.queued(scope) > before) held.set(scope, (held.get(scope) ?? 0) + 1);
      return granted;
    },
    record: (scope, feedback) => inner.record(scope, feedback),
  };
  return { inner, throttle, scopes, held };
}

/** Runs `task(0 … count − 1)` on `concurrency` workers; results in index order. */
export async function pool<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, concurrency) }, worker));
  return results;
}

/** Resolves true once `holds()` does, polling every few ms; false after `timeoutMs`. */
export async function until(holds: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!holds()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
}

/** Waits for every promise; `lost` counts those still pending after `timeoutMs` (a rejection is a value too). */
export async function settleAll<T>(
  promises: readonly Promise<T>[],
  timeoutMs: number,
): Promise<{ readonly values: readonly unknown[]; readonly lost: number }> {
  const values = new Array<unknown>(promises.length);
  let settled = 0;
  const all = Promise.all(
    promises.map(async (promise, index) => {
      try {
        values[index] = await promise;
      } catch (error) {
        values[index] = `rejected: ${String(error)}`;
      }
      settled++;
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([all, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
  clearTimeout(timer);
  return { values, lost: promises.length - settled };
}

/** `["90000 × Aborted"]`: how many values of each kind, in order of first appearance. */
export function tally(values: readonly unknown[]): string[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(String(value), (counts.get(String(value)) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${count} × ${value}`);
}

/** Live heap in MB after a full collection (vitest.config.ts passes --expose-gc). */
export function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}
