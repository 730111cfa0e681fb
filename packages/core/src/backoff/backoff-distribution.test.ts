import { describe, expect, it } from 'vitest';
import { seededRandom } from '../runtime/random.js';
import { backoffDelay } from './backoff.js';

// G3: over many seeded draws full jitter must look uniform on [0, d). It fails if jitter is
// disabled (every draw = d), applied twice (mean d/4, skewed bins) or biased.
const DRAWS = 100_000;
const BINS = 20;
const OPTIONS = { jitter: 'full', baseMs: 500, capMs: 20_000 } as const;

describe('full jitter distribution', () => {
  it.each([0, 2, 3, 10])('retry %d: mean within 1 %% of d/2, each of 20 bins within 5 %% of uniform', (retry) => {
    const d = Math.min(OPTIONS.capMs, OPTIONS.baseMs * 2 ** retry);
    const random = seededRandom(42 + retry);
    const counts = new Array<number>(BINS).fill(0);
    let sum = 0;
    for (let i = 0; i < DRAWS; i++) {
      const delay = backoffDelay(OPTIONS, retry, random);
      sum += delay;
      const bin = Math.min(BINS - 1, Math.floor((delay / d) * BINS));
      counts[bin] = (counts[bin] ?? 0) + 1;
    }
    // floor() shifts the mean down by about 0.5 ms: irrelevant next to 1 % of d/2.
    expect(Math.abs(sum / DRAWS - d / 2)).toBeLessThan(0.01 * (d / 2));
    const expected = DRAWS / BINS;
    for (const count of counts) expect(Math.abs(count - expected)).toBeLessThan(0.05 * expected);
  });
});
