import { parseGoDuration } from '@staunch/core';
import { expect, test } from 'vitest';
import { formatGoDuration } from '../../src/mock-provider/format-go-duration.js';

test.each([
  [0, '0s'],
  [0.2, '1ms'],
  [20, '20ms'],
  [1146, '1.146s'],
  [360_000, '6m0s'],
  [3_723_500, '1h2m3.5s'],
])('%d ms is written %s', (ms, text) => {
  expect(formatGoDuration(ms)).toBe(text);
});

test('core reads back every formatted value as at least the original wait', () => {
  for (let ms = 0; ms < 200_000; ms += 997.3) {
    const parsed = parseGoDuration(formatGoDuration(ms));
    expect(parsed).toBeGreaterThanOrEqual(ms);
    expect(parsed).toBeLessThan(ms + 1);
  }
});
