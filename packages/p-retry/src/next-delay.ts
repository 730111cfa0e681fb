import { backoffDelay, matchRule, type Policy, type Random, serverWait } from '@staunch/core';
import type { ErrorOutcome } from './error-outcome.js';

/**
 * How long to wait before attempt `attempts + 1`, or `undefined` to stop. This is the engine's
 * ladder (core `decide()`) without the deadline budget, which p-retry's `maxRetryTime` owns:
 * a fail-fast rule stops; a rule's attempt cap stops; the server's wait is honoured unless it is
 * longer than `maxRetryAfterMs`; otherwise the rule's backoff.
 */
export function nextDelay(
  policy: Policy,
  outcome: ErrorOutcome,
  attempts: number,
  previousDelayMs: number,
  random: Random,
  wallNowMs: number,
): number | undefined {
  const rule = matchRule(policy, outcome.key);
  if (rule.action === 'fail' || attempts >= rule.maxAttempts) return undefined;
  const wait = rule.honorRetryAfter ? serverWait(outcome.headers, policy.rateLimitHeaders, wallNowMs) : undefined;
  if (wait !== undefined) return wait.delayMs > policy.maxRetryAfterMs ? undefined : wait.delayMs;
  return backoffDelay(rule.backoff, attempts - 1, random, previousDelayMs);
}
