// §9.2 G42: a long synchronous block during a backoff makes the timer fire late, never twice:
// exactly one more attempt follows.
import { createEngine, headersFromRecord } from '@staunch/core';
import { expect, test } from 'vitest';

test('a 2 s CPU block during a 20 ms backoff still yields exactly one retry', async () => {
  const engine = createEngine({
    policy: { backoff: { jitter: 'none', baseMs: 20, capMs: 20 } },
    throttle: false,
    retryGate: false,
  });
  let attempts = 0;
  engine.onRetry(() => {
    // Block the event loop for 2 s while the backoff timer is pending.
    setTimeout(() => {
      const until = performance.now() + 2000;
      while (performance.now() < until) {
        // busy
      }
    }, 0);
  });
  const result = await engine.execute(async () => {
    attempts += 1;
    return { kind: 'response', status: attempts === 1 ? 503 : 200, headers: headersFromRecord({}), value: attempts };
  });
  expect(result.ok).toBe(true);
  expect(attempts).toBe(2);
});
