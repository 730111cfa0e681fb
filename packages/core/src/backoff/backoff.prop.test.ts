import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type BackoffOptions, backoffDelay, JITTER_MODES } from './backoff.js';

// G2/G3: a computed delay is an integer in [0, cap] whatever the retry number and whatever the
// random source returns (a broken one may return NaN, 1, or a negative number).
const options = fc
  .tuple(fc.constantFrom(...JITTER_MODES), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.nat({ max: 2 ** 31 - 1 }))
  .map(([jitter, baseMs, extra]): BackoffOptions => ({ jitter, baseMs, capMs: Math.min(2 ** 31 - 1, baseMs + extra) }));
const retry = fc.oneof(fc.integer({ min: -5, max: 2000 }), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY));
const randomValue = fc.oneof(
  fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
  fc.constantFrom(Number.NaN, 1, -1, -0, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);

describe('backoffDelay', () => {
  test.prop([options, retry, randomValue, fc.nat()], { numRuns: 10_000 })(
    'is an integer in [0, capMs]',
    (opts, n, r, previous) => {
      const delay = backoffDelay(opts, n, () => r, previous);
      expect(Number.isInteger(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(opts.capMs);
    },
  );

  test.prop([options, fc.nat({ max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })], {
    numRuns: 10_000,
  })('full jitter is exactly floor(r × min(cap, base × 2^n))', (opts, n, r) => {
    const full = { ...opts, jitter: 'full' as const };
    expect(backoffDelay(full, n, () => r)).toBe(Math.floor(r * Math.min(opts.capMs, opts.baseMs * 2 ** n)));
  });

  test.prop([options, fc.nat({ max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })])(
    'equal jitter stays in [d/2, d]',
    (opts, n, r) => {
      const d = Math.min(opts.capMs, opts.baseMs * 2 ** n);
      const delay = backoffDelay({ ...opts, jitter: 'equal' }, n, () => r);
      expect(delay).toBeGreaterThanOrEqual(Math.floor(d / 2));
      expect(delay).toBeLessThanOrEqual(d);
    },
  );

  test.prop([options, fc.nat({ max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.nat()])(
    'decorrelated jitter stays in [base, min(cap, 3 × previous)]',
    (opts, n, r, previous) => {
      const delay = backoffDelay({ ...opts, jitter: 'decorrelated' }, n, () => r, previous);
      expect(delay).toBeGreaterThanOrEqual(opts.baseMs);
      expect(delay).toBeLessThanOrEqual(
        Math.min(opts.capMs, Math.max(opts.baseMs, 3 * Math.max(previous, opts.baseMs))),
      );
    },
  );

  test.prop([options, fc.nat({ max: 60 })])('no jitter is exactly min(cap, base × 2^n)', (opts, n) => {
    expect(backoffDelay({ ...opts, jitter: 'none' }, n, () => 0.5)).toBe(
      Math.floor(Math.min(opts.capMs, opts.baseMs * 2 ** n)),
    );
  });
});
