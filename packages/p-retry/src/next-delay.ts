import { decide, matchRule, type Policy, type Random, serverWait } from '@staunch/core';
import type { ErrorOutcome } from './error-outcome.js';

/**
 * How long to wait before attempt `attempts + 1`, or `undefined` to stop: the engine's own
 * decision (core `decide()`), with no deadline here because p-retry's `maxRetryTime` owns it.
 */
export function nextDelay(
  policy: Policy,
  outcome: ErrorOutcome,
  attempts: number,
  previousDelayMs: number,
  random: Random,
  wallNowMs: number,
): number | undefined {
  const decision = decide({
    policy,
    rule: matchRule(policy, outcome.key),
    attempts,
    replayable: true,
    serverWait: serverWait(outcome.headers, policy.rateLimitHeaders, wallNowMs, outcome.bodyWaitMs),
    remainingMs: Number.POSITIVE_INFINITY,
    previousDelayMs,
    random,
  });
  return decision.kind === 'retry' ? decision.delayMs : undefined;
}
