import type { RateLimitReading, Reason, ThrottleFeedback } from '@staunch/core';

/** Feedback for one attempt of one request. */
export function feedback(reason: Reason | undefined, rateLimits: RateLimitReading[] = []): ThrottleFeedback {
  return {
    cost: { requests: 1, tokens: 0 },
    reason,
    status: reason === undefined ? 200 : reason === 'rate-limit' ? 429 : 503,
    retryAfterMs: undefined,
    rateLimits,
    cancelled: false,
  };
}

/** A request-limit header reading that states `perSecond` (OpenAI-style: a limit per window). */
export function toldRate(perSecond: number): RateLimitReading {
  return { unit: 'requests', limit: perSecond, remaining: undefined, resetMs: undefined, windowSeconds: 1 };
}
