import type { Throttle, VirtualClock } from '../../../src/index.js';

/**
 * A limiter told the truth, for comparison: sends spaced by 1 ÷ the rate (Bottleneck's
 * `minTime`), or at most `slots` in flight for a concurrency cap. It learns nothing.
 */
export function oracleThrottle(clock: VirtualClock, limit: { ratePerS: number; slots?: number }): Throttle {
  let next = 0;
  let inflight = 0;
  const waiting: (() => void)[] = [];
  const spaced = (): Promise<void> => {
    const now = clock.now();
    const at = Math.max(now, next);
    next = at + 1000 / limit.ratePerS;
    return at === now ? Promise.resolve() : new Promise((resolve) => clock.setTimeout(resolve, at - now));
  };
  return {
    acquire: () => {
      if (limit.slots === undefined) return spaced();
      if (inflight < limit.slots) {
        inflight += 1;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    record: () => {
      if (limit.slots === undefined) return;
      const wake = waiting.shift();
      if (wake === undefined) inflight -= 1;
      else wake();
    },
  };
}
