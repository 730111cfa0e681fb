import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './go-duration.js';

// Go's Duration.String(), as OpenAI and Groq send it in x-ratelimit-reset-* and Gemini in
// RetryInfo.retryDelay (providers.md §16.2, §16.7).
describe('parseGoDuration', () => {
  it.each([
    ['6m0s', 360_000],
    ['20ms', 20],
    ['12ms', 12],
    ['1h34m52.896s', 5_692_896],
    ['1h2m3.5s', 3_723_500],
    ['2m59.56s', 179_560],
    ['4m12.172s', 252_172],
    ['7.66s', 7660],
    ['0s', 0],
    // Rounded up: waking early re-triggers the limit.
    ['57.238747106s', 57_239],
    ['1.203608125s', 1204],
    ['1500us', 2],
    ['1500µs', 2],
    ['1ns', 1],
    // A bare number is seconds.
    ['11', 11_000],
    ['-1.2s', 0],
  ])('%j → %d ms', (value, expected) => {
    expect(parseGoDuration(value)).toBe(expected);
  });

  it.each(['5x', '', '-', '+', 's', '1.s', '.5s', '1m 2s', '6m0sx', '1e3s', 'Infinity'])(
    'rejects %j instead of half-parsing it',
    (value) => {
      expect(parseGoDuration(value)).toBeUndefined();
    },
  );

  it('stays finite for a 400-digit number of hours', () => {
    expect(Number.isSafeInteger(parseGoDuration(`${'9'.repeat(400)}h`))).toBe(true);
  });
});
