import { describe, expect, it } from 'vitest';
import { parseHttpDate } from './http-date.js';

// RFC 9110 §5.6.7 examples, and the invalid forms of reliability.md §9.2 item 13.
const NOW = Date.UTC(2026, 0, 1);
const EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37);

describe('parseHttpDate', () => {
  it.each([
    ['Sun, 06 Nov 1994 08:49:37 GMT', EXAMPLE],
    ['Sunday, 06-Nov-94 08:49:37 GMT', EXAMPLE],
    ['Sun Nov  6 08:49:37 1994', EXAMPLE],
    ['sun, 06 nov 1994 08:49:37 GMT', EXAMPLE],
  ])('%j', (value, expected) => {
    expect(parseHttpDate(value, NOW)).toBe(expected);
  });

  it('reads an RFC 850 two-digit year as the past century when it would be over 50 years ahead', () => {
    // In 2026: "76" is 2076 (50 years ahead), "77" is 1977.
    expect(parseHttpDate('Wednesday, 01-Jan-76 00:00:00 GMT', NOW)).toBe(Date.UTC(2076, 0, 1));
    expect(parseHttpDate('Saturday, 01-Jan-77 00:00:00 GMT', NOW)).toBe(Date.UTC(1977, 0, 1));
  });

  it('keeps a four-digit year below 100 (Date.UTC would read it as 19xx)', () => {
    expect(parseHttpDate('Sat, 01 Jan 0000 00:00:00 GMT', NOW)).toBe(-62_167_219_200_000);
  });

  it.each([
    'Sat, 31 Feb 2026 00:00:00 GMT',
    'Thu, 06 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 08:49:37 GMT+1',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:60:37 GMT',
    'Sun, 00 Nov 1994 08:49:37 GMT',
    'Sun, 06 Foo 1994 08:49:37 GMT',
    'Sun, 6 Nov 1994 08:49:37 GMT',
    '1994-11-06T08:49:37Z',
    '784111777',
    '',
  ])('rejects %j', (value) => {
    expect(parseHttpDate(value, NOW)).toBeUndefined();
  });
});
