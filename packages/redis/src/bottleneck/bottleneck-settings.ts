import type { ScopeState } from '@staunch/core';

const MS_PER_S = 1000;

/** The Bottleneck settings Staunch drives; everything else stays as the owner configured it. */
export interface LearnedSettings {
  /** Spacing that never exceeds the learned rate (rounded up to whole ms, as Bottleneck counts). */
  readonly minTime?: number;
  /** 0 holds every job (a reset header said the server's bucket is empty); `null` lifts the hold. */
  readonly reservoir?: number | null;
}

/**
 * What a learned state means for a Bottleneck limiter: the pacing rate as `minTime`, and a
 * scope-wide hold as an empty reservoir until `pausedUntil`. Slow start (no rate yet) leaves the
 * limiter's own settings. Bottleneck's reservoir refills only on its heartbeat (250 ms by
 * default), too coarse to carry a learned burst, so the rate goes to `minTime` instead.
 */
export function learnedSettings(state: ScopeState, now: number): LearnedSettings {
  const minTime = state.rate > 0 ? Math.ceil(MS_PER_S / state.rate) : undefined;
  const paused = now < state.pausedUntil;
  return {
    ...(minTime === undefined ? {} : { minTime }),
    ...(paused ? { reservoir: 0 } : {}),
  };
}
