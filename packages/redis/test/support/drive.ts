import type { Throttle } from '@staunch/core';
import { feedback, toldRate } from './feedback.js';

/** One decision as the caller saw it. */
export interface Decision {
  /** performance.now() when the call was made. */
  readonly at: number;
  /** How long the throttle took to decide. */
  readonly ms: number;
  readonly granted: boolean;
  readonly error?: unknown;
}

/**
 * Calls `acquire` then `record` (a success telling a generous rate, so pacing adds little) one
 * after another every `gapMs` until `stop()` — one caller's view of the throttle.
 */
export async function drive(throttle: Throttle, scope: string, stop: () => boolean, gapMs = 10): Promise<Decision[]> {
  const decisions: Decision[] = [];
  while (!stop()) {
    const at = performance.now();
    try {
      await throttle.acquire(scope, { requests: 1, tokens: 0 });
      decisions.push({ at, ms: performance.now() - at, granted: true });
      throttle.record(scope, feedback(undefined, [toldRate(500)]));
    } catch (error) {
      decisions.push({ at, ms: performance.now() - at, granted: false, error });
    }
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return decisions;
}
