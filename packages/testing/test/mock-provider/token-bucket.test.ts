import { expect, test } from 'vitest';
import { TokenBucket } from '../../src/mock-provider/token-bucket.js';

test('starts full, refuses past the burst and says how long until one more fits', () => {
  const bucket = new TokenBucket({ rate: 4, burst: 2 }, 0);
  for (let i = 0; i < 2; i++) {
    expect(bucket.waitMs(1, 0)).toBe(0);
    bucket.take(1, 0);
  }
  expect(bucket.waitMs(1, 0)).toBe(250);
  expect(bucket.waitMs(1, 100)).toBeCloseTo(150);
  expect(bucket.waitMs(1, 250)).toBe(0);
});

test('never holds more than the burst, however long it idles', () => {
  const bucket = new TokenBucket({ rate: 10, burst: 3 }, 0);
  expect(bucket.level(1_000_000)).toBe(3);
  expect(bucket.fullMs(1_000_000)).toBe(0);
});

test('a cost larger than the burst can never fit', () => {
  const bucket = new TokenBucket({ rate: 10, burst: 3 }, 0);
  expect(bucket.waitMs(4, 0)).toBe(Number.POSITIVE_INFINITY);
});

test('a capacity change refills at the old rate up to the change, then uses the new one', () => {
  const bucket = new TokenBucket({ rate: 1, burst: 10 }, 0);
  bucket.take(10, 0);
  bucket.setLimits({ rate: 100, burst: 5 }, 1000);
  expect(bucket.level(1000)).toBeCloseTo(1);
  expect(bucket.level(1010)).toBeCloseTo(2);
  expect(bucket.level(2000)).toBe(5);
});
