import { describe, expect, it } from 'vitest';
import { headersFromRecord } from './headers.js';
import type { RateLimitHeaderSpec } from './rate-limit-headers.js';
import { serverWait } from './server-wait.js';

// The ordered ladder (providers.md §16.1 item 6, §16.4): retry-after-ms, Retry-After, then resets.
const NOW = Date.UTC(2026, 0, 1);
const SPECS: RateLimitHeaderSpec[] = [
  { unit: 'requests', remaining: 'x-remaining-requests', reset: 'x-reset-requests', resetFormat: 'go-duration' },
  { unit: 'tokens', remaining: 'x-remaining-tokens', reset: 'x-reset-tokens', resetFormat: 'go-duration' },
];
const wait = (record: Record<string, string>) => serverWait(headersFromRecord(record), SPECS, NOW);

describe('serverWait', () => {
  it('prefers retry-after-ms over Retry-After when they disagree', () => {
    expect(wait({ 'retry-after-ms': '6000', 'retry-after': '6' })).toEqual({
      delayMs: 6000,
      source: 'retry-after-ms',
    });
    expect(wait({ 'retry-after-ms': '1500', 'retry-after': '60' })?.delayMs).toBe(1500);
  });

  it('looks headers up in any casing', () => {
    expect(wait({ 'Retry-After': '3' })).toEqual({ delayMs: 3000, source: 'retry-after' });
  });

  it('skips a malformed rung instead of giving up', () => {
    expect(wait({ 'retry-after-ms': 'soon', 'retry-after': '2' })).toEqual({ delayMs: 2000, source: 'retry-after' });
  });

  it('waits for the latest reset among exhausted buckets only', () => {
    const headers = {
      'x-remaining-requests': '0',
      'x-reset-requests': '2s',
      'x-remaining-tokens': '0',
      'x-reset-tokens': '6m0s',
    };
    expect(wait(headers)).toEqual({ delayMs: 360_000, source: 'reset-header' });
    expect(wait({ ...headers, 'x-remaining-tokens': '10' })?.delayMs).toBe(2000);
  });

  it('ignores resets of buckets that are not exhausted, and unknown (-1) counts', () => {
    expect(wait({ 'x-remaining-requests': '5', 'x-reset-requests': '2s' })).toBeUndefined();
    expect(wait({ 'x-remaining-requests': '-1', 'x-reset-requests': '2s' })).toBeUndefined();
  });

  it('survives a header lookup that throws', () => {
    const broken = {
      get(): string {
        throw new Error('boom');
      },
    };
    expect(serverWait(broken, SPECS, NOW)).toBeUndefined();
  });
});
