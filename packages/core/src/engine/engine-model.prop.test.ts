import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { abortListeners, harness, settle } from '../../test/support/harness.js';
import { type Step, scripted } from '../../test/support/scripted-transport.js';
import { isAbortedError, isDeadlineError, MAX_TIMER_MS, type PolicyInput } from '../index.js';
import type { RetryEvent } from './types.js';

// G1, G2, G6, G15 as one model test: for arbitrary policies and arbitrary scripted outcomes, the
// call settles exactly once, never exceeds its attempt limits, never sleeps longer than the
// policy or the deadline allow, and leaves no timer and no listener behind.
const RULE_503_MAX = 3;

const policy = fc.record({
  maxAttempts: fc.integer({ min: 1, max: 10 }),
  backoff: fc
    .record({
      jitter: fc.constantFrom('full', 'equal', 'decorrelated', 'none'),
      baseMs: fc.integer({ min: 0, max: 5000 }),
      extra: fc.integer({ min: 0, max: 60_000 }),
    })
    .map(({ jitter, baseMs, extra }) => ({ jitter, baseMs, capMs: baseMs + extra })),
  maxRetryAfterMs: fc.integer({ min: 0, max: 120_000 }),
  timeoutMs: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }),
  attemptTimeoutMs: fc.option(fc.integer({ min: 1, max: 30_000 }), { nil: undefined }),
});

const retryAfter = fc.oneof(
  fc.constantFrom('0', '1', '2.5', '30', '99999', '99999999999', 'Infinity', '-1', 'soon', '5, 10'),
  fc.nat({ max: 200 }).map(String),
);
const response = fc.record(
  {
    status: fc.constantFrom(200, 201, 400, 401, 404, 408, 409, 418, 429, 500, 502, 503, 504, 524, 599),
    headers: fc.record(
      { 'retry-after': retryAfter, 'retry-after-ms': fc.nat({ max: 100_000 }).map(String) },
      {
        requiredKeys: [],
      },
    ),
  },
  { requiredKeys: ['status'] },
);
const step = (canHang: boolean): fc.Arbitrary<Step> =>
  fc.oneof(
    { weight: 6, arbitrary: response },
    { weight: 1, arbitrary: fc.constant({ network: new Error('ECONNRESET') }) },
    { weight: canHang ? 1 : 0, arbitrary: fc.constant({ hang: true as const }) },
  );

const scenario = policy.chain((p) =>
  fc.record({
    policy: fc.constant(p),
    // A hanging transport is only fair when some timer can end the attempt.
    steps: fc.array(step(p.timeoutMs !== undefined || p.attemptTimeoutMs !== undefined), {
      minLength: 1,
      maxLength: 12,
    }),
    seed: fc.nat(),
  }),
);

describe('engine model', () => {
  test.prop([scenario], { numRuns: 1000 })('bounds attempts and sleeps; settles once; cleans up', async (input) => {
    const { timeoutMs: deadline, attemptTimeoutMs: perAttempt, ...settings } = input.policy;
    const policyInput: PolicyInput = {
      ...settings,
      ...(deadline === undefined ? {} : { timeoutMs: deadline }),
      ...(perAttempt === undefined ? {} : { attemptTimeoutMs: perAttempt }),
      rules: { '503': { action: 'retry', reason: 'overloaded', maxAttempts: RULE_503_MAX } },
    };
    const { clock, engine } = harness(policyInput, input.seed);
    const { maxAttempts, backoff, maxRetryAfterMs, timeoutMs, attemptTimeoutMs } = input.policy;
    const retries: Array<RetryEvent & { at: number }> = [];
    let attemptEvents = 0;
    let endings = 0;
    engine.onAttempt(() => {
      attemptEvents += 1;
    });
    engine.onRetry((event) => retries.push({ ...event, at: clock.now() }));
    engine.onGiveUp(() => {
      endings += 1;
    });
    engine.onSuccess(() => {
      endings += 1;
    });
    const controller = new AbortController();
    const transport = scripted(input.steps);
    const result = await settle(clock, engine.execute(transport.run, { signal: controller.signal }));

    // G1: attempt bounds, the policy's and the 503 rule's.
    expect(result.attempts).toBe(transport.calls.length);
    expect(result.attempts).toBeLessThanOrEqual(maxAttempts);
    for (const retry of retries) if (retry.status === 503) expect(retry.attempt).toBeLessThan(RULE_503_MAX);

    // G2: every retry sleep within the policy's bound and the time left; no timer overflows.
    for (const retry of retries) {
      const bound = retry.waitSource === 'backoff' ? backoff.capMs : maxRetryAfterMs;
      expect(Number.isInteger(retry.delayMs)).toBe(true);
      expect(retry.delayMs).toBeGreaterThanOrEqual(0);
      expect(retry.delayMs).toBeLessThanOrEqual(bound);
      if (timeoutMs !== undefined) expect(retry.delayMs).toBeLessThanOrEqual(timeoutMs - retry.at);
    }
    const timers = new Set([timeoutMs, attemptTimeoutMs, ...retries.map((retry) => retry.delayMs)]);
    for (const delay of clock.scheduled) {
      expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
      expect(timers.has(delay)).toBe(true);
    }
    if (timeoutMs !== undefined) expect(result.elapsedMs).toBeLessThanOrEqual(timeoutMs);

    // G15 and G19: one ending; one attempt event per attempt (an attempt cut off by the deadline
    // has no outcome to report, see the report on AttemptEvent).
    expect(endings).toBe(1);
    const cutOff = !result.ok && (isDeadlineError(result.error) || isAbortedError(result.error));
    if (!cutOff) expect(attemptEvents).toBe(result.attempts);

    // G6: nothing left behind.
    expect(clock.pending).toBe(0);
    expect(abortListeners(controller.signal)).toBe(0);
  });
});
