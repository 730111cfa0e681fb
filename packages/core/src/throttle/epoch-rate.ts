import type { ScopeState } from './scope-state.js';

const MS_PER_S = 1000;
/** An epoch shorter than this still measures over this long. */
const MIN_EPOCH_MS = 1;

/** The success rate since the epoch began (the last cut, or the scope's start), per second. */
export function epochRate(state: ScopeState, now: number): number {
  return (state.successes * MS_PER_S) / Math.max(MIN_EPOCH_MS, now - state.epochAt);
}
