// §9.2 G43: fake timers a caller's test suite installs after Staunch was imported still drive
// Staunch's waits, because the system clock looks the timer functions up on every call.
import { createEngine, headersFromRecord } from '@staunch/core';
import { afterEach, expect, test, vi } from 'vitest';

afterEach(() => {
  vi.useRealTimers();
});

test('a 30 s backoff passes in no real time under the caller fake timers', async () => {
  vi.useFakeTimers();
  const engine = createEngine({
    policy: { backoff: { jitter: 'none', baseMs: 30_000, capMs: 30_000 } },
    throttle: false,
    retryGate: false,
  });
  let attempts = 0;
  const call = engine.execute(async () => {
    attempts += 1;
    return { kind: 'response', status: attempts === 1 ? 503 : 200, headers: headersFromRecord({}), value: attempts };
  });
  await vi.advanceTimersByTimeAsync(29_999);
  expect(attempts).toBe(1);
  await vi.advanceTimersByTimeAsync(1);
  const result = await call;
  expect(result.ok).toBe(true);
  expect(attempts).toBe(2);
});
