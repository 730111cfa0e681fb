import { describe, expect, it } from 'vitest';
import { parseReset, RESET_FORMATS } from './parse-reset.js';

// Reset formats (reliability.md §9.2 item 16; providers.md §16.3, §16.7).
const NOW = Date.UTC(2026, 0, 1);

describe('parseReset', () => {
  it('delta-seconds (Together x-ratelimit-reset)', () => {
    expect(parseReset('12', 'delta-seconds', NOW)).toBe(12_000);
    expect(parseReset('0', 'delta-seconds', NOW)).toBe(0);
    expect(parseReset('0.25', 'delta-seconds', NOW)).toBe(250);
  });

  it('epoch-seconds, measured from now', () => {
    expect(parseReset(String(NOW / 1000 + 30), 'epoch-seconds', NOW)).toBe(30_000);
    expect(parseReset(String(NOW / 1000 - 30), 'epoch-seconds', NOW)).toBe(0);
  });

  it('epoch-ms (OpenRouter X-RateLimit-Reset)', () => {
    expect(parseReset('1789138080000', 'epoch-ms', 1_789_138_000_000)).toBe(80_000);
  });

  it('go-duration (OpenAI, Groq)', () => {
    expect(parseReset('6m0s', 'go-duration', NOW)).toBe(360_000);
  });

  it('rfc3339 measured against the server Date (Anthropic)', () => {
    const serverNow = Date.parse('Sun, 12 Jan 2025 23:11:58 GMT');
    expect(parseReset('2025-01-12T23:11:59Z', 'rfc3339', serverNow)).toBe(1000);
    expect(parseReset('2025-01-12T23:11:59.5+00:00', 'rfc3339', serverNow)).toBe(1500);
    expect(parseReset('2025-01-13T00:11:59+01:00', 'rfc3339', serverNow)).toBe(1000);
  });

  it.each([
    '2025-02-31T00:00:00Z',
    '2025-13-01T00:00:00Z',
    '2025-01-12T24:00:00Z',
    '2025-01-12T23:60:00Z',
    '2025-01-12T23:11:59',
    '2025-01-12T23:11:59+25:00',
    '1736723519',
  ])('rfc3339 rejects the impossible %j (Date.parse would roll it over)', (value) => {
    expect(parseReset(value, 'rfc3339', NOW)).toBeUndefined();
  });

  it('http-date', () => {
    expect(parseReset('Thu, 01 Jan 2026 00:01:00 GMT', 'http-date', NOW)).toBe(60_000);
  });

  it('reads -1 (Azure "unknown") and garbage as no reset', () => {
    for (const format of ['delta-seconds', 'epoch-seconds', 'epoch-ms', 'rfc3339', 'http-date'] as const) {
      expect(parseReset('-1', format, NOW)).toBeUndefined();
    }
    for (const format of RESET_FORMATS) expect(parseReset('soon', format, NOW)).toBeUndefined();
    // A negative Go duration is a reset already passed (providers.md §16.2): clamp, do not ignore.
    expect(parseReset('-1s', 'go-duration', NOW)).toBe(0);
    expect(parseReset(undefined, 'delta-seconds', NOW)).toBeUndefined();
  });

  it('keeps 9999999999 and a 400-digit number finite', () => {
    expect(parseReset('9999999999', 'delta-seconds', NOW)).toBe(9_999_999_999_000);
    expect(parseReset('9999999999', 'epoch-seconds', NOW)).toBe(9_999_999_999_000 - NOW);
    for (const format of ['delta-seconds', 'epoch-seconds', 'epoch-ms'] as const) {
      expect(Number.isSafeInteger(parseReset('9'.repeat(400), format, NOW))).toBe(true);
    }
  });
});
