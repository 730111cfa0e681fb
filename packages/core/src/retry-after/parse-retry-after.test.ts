import { describe, expect, it } from 'vitest';
import { parseRetryAfter, parseRetryAfterMs } from './parse-retry-after.js';

// Golden vectors: providers.md §16.7 and reliability.md §9.2 group B (items 10, 14, 17).
const NOW = Date.UTC(2026, 0, 1);

describe('parseRetryAfter, delta-seconds', () => {
  it.each([
    ['0', 0],
    ['1', 1000],
    ['120', 120_000],
    [' 120 ', 120_000],
    ['0.05', 50],
    ['1.5', 1500],
    // Decimal noise: 2.007 × 1000 is 2007.0000000000002 in binary; rounding up must not add 1 ms.
    ['2.007', 2007],
    ['30, 30', 30_000],
    // Duplicated lines disagreeing: never wait less than the server asked.
    ['5, 10', 10_000],
  ])('%j → %d ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });

  it.each(['-5', '-3', '+3', 'abc', '120abc', '1e3', '', '   ', 'NaN', 'Infinity', '0x10', '30s'])(
    '%j is not a wait',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    },
  );

  it('reads an ISO timestamp as an instant, never as 2024 seconds (parseFloat would)', () => {
    const inTenSeconds = new Date(NOW + 10_000).toISOString();
    expect(parseRetryAfter(inTenSeconds, NOW)).toBe(10_000);
    expect(parseRetryAfter('2024-03-26T20:00:00Z', NOW)).not.toBe(2_024_000);
    expect(parseRetryAfter('2024-02-30T20:00:00Z', NOW)).toBeUndefined();
  });

  it('keeps absurdly large values finite: 9999999999 s and a 400-digit number', () => {
    expect(parseRetryAfter('9999999999', NOW)).toBe(9_999_999_999_000);
    const huge = parseRetryAfter('9'.repeat(400), NOW);
    expect(Number.isSafeInteger(huge)).toBe(true);
  });

  it('returns undefined for an absent header', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter, HTTP-date', () => {
  const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
  const server = 'Wed, 21 Oct 2015 07:27:30 GMT';

  it('measures against the response Date header (the server clock), not the local clock', () => {
    // The local clock is 10 years ahead; only the server's Date makes this a 30 s wait.
    expect(parseRetryAfter(date, NOW, server)).toBe(30_000);
  });

  it('falls back to the local clock when the Date header is missing or malformed', () => {
    const local = Date.UTC(2015, 9, 21, 7, 27, 0);
    expect(parseRetryAfter(date, local)).toBe(60_000);
    expect(parseRetryAfter(date, local, 'yesterday')).toBe(60_000);
  });

  it('reads a date in the past as "retry now"', () => {
    expect(parseRetryAfter(date, NOW)).toBe(0);
  });

  it('reads +40 days (more than a timer can hold) as a finite wait for the policy to judge', () => {
    const now = Date.UTC(2015, 8, 11, 7, 28, 0);
    expect(parseRetryAfter(date, now)).toBe(40 * 86_400_000);
  });

  it('does not split a date on its comma, and takes the later of duplicated dates', () => {
    const local = Date.UTC(2015, 9, 21, 7, 27, 0);
    expect(parseRetryAfter(`${date}, ${'Wed, 21 Oct 2015 07:29:00 GMT'}`, local)).toBe(120_000);
  });

  it.each([
    'Sat, 31 Feb 2026 00:00:00 GMT',
    'Thu, 21 Oct 2015 07:28:00 GMT',
    'Wed, 21 Oct 2015 07:28:00 GMT+1',
    'Wed, 21 Oct 2015 07:28:00',
  ])('rejects the invalid date %j', (value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined();
  });
});

describe('parseRetryAfterMs', () => {
  it.each([
    ['6000', 6000],
    ['0', 0],
    ['12.5', 13],
    ['100, 250', 250],
  ])('%j → %d ms', (value, expected) => {
    expect(parseRetryAfterMs(value)).toBe(expected);
  });

  it.each(['-1', '+5', '1e3', '', 'NaN', 'Infinity', 'soon'])('%j is not a wait', (value) => {
    expect(parseRetryAfterMs(value)).toBeUndefined();
  });
});
