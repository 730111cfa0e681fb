import { type Clock, mathRandom, type Random, sleep, systemClock } from '@staunch/core';
import { type PolicyOption, resolvePolicy } from '@staunch/presets';
import type { Options, RetryContext } from 'p-retry';
import { errorOutcome } from './error-outcome.js';
import { nextDelay } from './next-delay.js';

export interface StaunchPRetryOptions {
  /** Cancels the call, waits included; passed on to p-retry. */
  readonly signal?: AbortSignal | undefined;
  /** Called before each wait, with the failed attempt and the delay chosen. */
  readonly onRetry?: ((context: RetryContext & { readonly delayMs: number }) => void) | undefined;
  readonly clock?: Clock;
  readonly random?: Random;
}

/**
 * p-retry options that follow a Staunch policy: `retries` is the policy's `maxAttempts - 1`, the
 * policy decides which errors retry, and the wait (the server's hint, else the rule's backoff)
 * happens in `onFailedAttempt`, so p-retry's own delay is zero. A failure the policy does not
 * retry rejects at once with the error the function threw, as p-retry users expect.
 *
 * @example
 * await pRetry(() => callModel(), pRetryOptions('together'));
 */
export function pRetryOptions(policy: PolicyOption = 'default', options: StaunchPRetryOptions = {}): Options {
  const built = resolvePolicy(policy);
  const clock = options.clock ?? systemClock;
  const random = options.random ?? mathRandom;
  let previousDelayMs = 0;
  return {
    retries: built.maxAttempts - 1,
    minTimeout: 0,
    factor: 1,
    randomize: false,
    ...(built.timeoutMs === undefined ? {} : { maxRetryTime: built.timeoutMs }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    async onFailedAttempt(context) {
      // Only decorrelated jitter reads the previous delay; a shared options object resets it per call.
      if (context.attemptNumber === 1) previousDelayMs = 0;
      const outcome = await errorOutcome(context.error, built);
      const delayMs = nextDelay(built, outcome, context.attemptNumber, previousDelayMs, random, clock.wallNow());
      // Throwing from here stops p-retry; it then rejects with exactly this error.
      if (delayMs === undefined) throw context.error;
      previousDelayMs = delayMs;
      options.onRetry?.(Object.freeze({ ...context, delayMs }));
      await sleep(clock, delayMs, options.signal);
    },
  };
}
