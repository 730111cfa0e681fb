import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseHttpDate } from './http-date.js';

// RFC 9110 §5.6.7: recipients must accept IMF-fixdate, RFC 850 and asctime. Formatting a
// generated instant in each form and parsing it back must give the same instant (to the second).
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number): string => String(n).padStart(2, '0');
const time = (d: Date): string => `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;

// Years 0–9999, including 0–99, which Date.UTC would wrongly read as 1900–1999.
const instant = fc
  .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => new Date(Math.floor(date.getTime() / 1000) * 1000));

function imfFixdate(d: Date): string {
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${year} ${time(d)} GMT`;
}

function asctime(d: Date): string {
  const year = String(d.getUTCFullYear()).padStart(4, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${time(d)} ${year}`;
}

function rfc850(d: Date): string {
  const year = two(d.getUTCFullYear() % 100);
  return `${LONG_DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${year} ${time(d)} GMT`;
}

describe('HTTP-date round trip', () => {
  test.prop([instant], { numRuns: 10_000 })('IMF-fixdate', (date) => {
    expect(parseHttpDate(imfFixdate(date), 0)).toBe(date.getTime());
  });

  test.prop([instant], { numRuns: 10_000 })('asctime', (date) => {
    expect(parseHttpDate(asctime(date), 0)).toBe(date.getTime());
  });

  // A two-digit year is read within 50 years of "now": generate dates in that window around now.
  const now = Date.UTC(2026, 5, 15);
  const nearNow = fc
    .date({ min: new Date('1977-01-01T00:00:00Z'), max: new Date('2076-06-14T00:00:00Z'), noInvalidDate: true })
    .map((date) => new Date(Math.floor(date.getTime() / 1000) * 1000));
  test.prop([nearNow], { numRuns: 10_000 })('RFC 850 within 50 years of now', (date) => {
    expect(parseHttpDate(rfc850(date), now)).toBe(date.getTime());
  });
});
