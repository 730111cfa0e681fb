// Type-checked in CI (`pnpm typecheck`); docs/throttle.md quotes it.
import { createRetryBudget, createRetryQuota, createRetryThrottle } from '@staunch/core';
import { createFetch } from '@staunch/fetch';

// AWS's standard retry quota: 500 tokens per scope, 5 per retry (10 after a timeout or network
// error), refunded when the retry succeeds.
export const quotaed = createFetch({ policy: 'openai', retryGate: createRetryQuota() });

// gRPC's retryThrottling: retries stop while failures outrun successes by about 10 to 1.
export const throttled = createFetch({
  policy: 'openai',
  retryGate: createRetryThrottle({ maxTokens: 10, tokenRatio: 0.1 }),
});

// Finagle's budget: retries in any 10 s stay within 20 % of requests plus 10 per second.
export const budgeted = createFetch({
  policy: 'openai',
  retryGate: createRetryBudget({ ratio: 0.2, minPerSecond: 10, ttlMs: 10_000 }),
});
