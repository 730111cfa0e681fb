import { describe, expect, test } from 'vitest';
import { serverWait } from './server-wait.js';

const NOW = Date.UTC(2026, 0, 1);
const headers = (record: Record<string, string>) => ({ get: (name: string) => record[name.toLowerCase()] });

describe('the server-wait ladder', () => {
  test("Azure's x-ms-retry-after-ms counts as retry-after-ms", () => {
    expect(serverWait(headers({ 'x-ms-retry-after-ms': '1500', 'retry-after': '9' }), [], NOW)).toEqual({
      delayMs: 1500,
      source: 'retry-after-ms',
    });
  });

  test('a body wait comes after the headers and before reset headers', () => {
    const specs = [{ unit: 'requests', remaining: 'x-r', reset: 'x-reset', resetFormat: 'delta-seconds' }] as const;
    expect(serverWait(headers({ 'retry-after': '2' }), specs, NOW, 5000)?.source).toBe('retry-after');
    expect(serverWait(headers({ 'x-r': '0', 'x-reset': '9' }), specs, NOW, 5000)).toEqual({
      delayMs: 5000,
      source: 'body',
    });
    expect(serverWait(headers({ 'x-r': '0', 'x-reset': '9' }), specs, NOW)?.source).toBe('reset-header');
  });

  test('a non-finite or negative body wait is ignored', () => {
    expect(serverWait(headers({}), [], NOW, Number.NaN)).toBeUndefined();
    expect(serverWait(headers({}), [], NOW, -1)).toBeUndefined();
  });
});
