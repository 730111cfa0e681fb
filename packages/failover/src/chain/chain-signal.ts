import type { Clock } from '@staunch/core';

/** The reason the chain's own deadline aborts with, told apart from the caller's. */
export const CHAIN_DEADLINE = Symbol('staunch.failover.deadline');

/** The caller's signal plus the chain's deadline, over every target; `dispose()` clears the timer. */
export function chainSignal(
  clock: Clock,
  caller: AbortSignal | undefined,
  timeoutMs: number | undefined,
): { signal: AbortSignal; dispose(): void } {
  if (timeoutMs === undefined) return { signal: caller ?? new AbortController().signal, dispose: () => {} };
  const own = new AbortController();
  const timer = clock.setTimeout(() => own.abort(CHAIN_DEADLINE), timeoutMs);
  return {
    signal: caller === undefined ? own.signal : AbortSignal.any([caller, own.signal]),
    dispose: () => clock.clearTimeout(timer),
  };
}
