import { describe, expect, it } from 'vitest';
import {
  createRetryQuota,
  isConfigError,
  isRetriesExhaustedError,
  type Reason,
  type RetryQuota,
} from '../../src/index.js';
import { settle } from '../support/harness.js';
import { scripted } from '../support/scripted-transport.js';
import { CLASSIC_CASES, type QuotaCase, type QuotaOutcome, Y2026_CASES } from './fixtures/aws-vectors.js';
import { gateEngine } from './support/gate-engine.js';

const SCOPE = 's';

/**
 * Drives a quota the way the engine does: record every attempt, then, for a failure the policy
 * retries and attempts left, ask for a retry priced by what failed.
 */
function replay(quota: RetryQuota, vector: QuotaCase): { outcome: QuotaOutcome; quota: number }[] {
  const trace: { outcome: QuotaOutcome; quota: number }[] = [];
  let attempt = 1;
  let previousReason: Reason | undefined;
  for (const step of vector.steps) {
    const succeeded = step.reason === undefined;
    const retryable = step.status !== 404;
    quota.record(SCOPE, succeeded, step.reason, { attempt, retryable, previousReason });
    let outcome: QuotaOutcome;
    if (succeeded) outcome = 'success';
    else if (!retryable) outcome = 'fail_request';
    else if (attempt >= vector.maxAttempts) outcome = 'max_attempts_exceeded';
    else if (quota.tryRetry(SCOPE, step.reason)) outcome = 'retry_request';
    else outcome = 'retry_quota_exceeded';
    if (outcome === 'retry_request') {
      attempt += 1;
      previousReason = step.reason;
    } else {
      attempt = 1;
      previousReason = undefined;
    }
    trace.push({ outcome, quota: quota.available(SCOPE) });
  }
  return trace;
}

const expected = (vector: QuotaCase) =>
  vector.steps.map((step) => ({ outcome: step.outcome, quota: step.quota ?? expect.any(Number) }));

describe('the retry quota reproduces the AWS retry vectors (outcome and quota after each response)', () => {
  it.each(CLASSIC_CASES.map((c) => [c.name, c] as const))('classic standard mode: %s', (_name, vector) => {
    expect(replay(createRetryQuota(vector.quota), vector)).toEqual(expected(vector));
  });

  it.each(Y2026_CASES.map((c) => [c.name, c] as const))('2026 behaviour: %s', (_name, vector) => {
    expect(replay(createRetryQuota(vector.quota), vector)).toEqual(expected(vector));
  });

  it('through the engine: each call ends as the vector says and leaves the quota it states', async () => {
    for (const vector of [...CLASSIC_CASES, ...Y2026_CASES]) {
      const quota = createRetryQuota(vector.quota);
      const { clock, engine } = gateEngine(quota, vector.maxAttempts);
      const seen: number[] = [];
      engine.onRetry(() => seen.push(quota.available('default')));
      let start = 0;
      for (let end = 0; end < vector.steps.length; end++) {
        const step = vector.steps[end];
        if (step === undefined || step.outcome === 'retry_request') continue;
        // An AWS "Throttling" 400 is a rate limit: Staunch's policies say that with a 429.
        const statuses = vector.steps.slice(start, end + 1).map((s) => ({ status: s.errorCode ? 429 : s.status }));
        const result = await settle(clock, engine.execute(scripted(statuses).run));
        expect(result.ok, vector.name).toBe(step.outcome === 'success');
        if (step.outcome === 'retry_quota_exceeded') {
          expect(result.ok || !isRetriesExhaustedError(result.error) ? '' : result.error.message).toMatch(
            /retry budget for this scope is spent/,
          );
        }
        seen.push(quota.available('default'));
        start = end + 1;
      }
      const stated = vector.steps.map((s) => s.quota);
      expect(
        seen.map((q, i) => (stated[i] === undefined ? undefined : q)),
        vector.name,
      ).toEqual(stated);
    }
  });
});

// smithy-lang/smithy-kotlin NewStandardRetryIntegrationTest.kt, testMultiThreadedSharedQuota:
// two concurrent calls on one quota (2026 costs); each success refunds only its own last retry.
it('two interleaved calls on one scope each refund their own last retry (500 → 486)', () => {
  const quota = createRetryQuota({ retryCost: 14, timeoutRetryCost: 14, throttlingRetryCost: 5 });
  const first = (attempt: number, previousReason?: Reason) => ({ attempt, retryable: true, previousReason });
  quota.record(SCOPE, false, 'server-error', first(1));
  expect(quota.tryRetry(SCOPE, 'server-error')).toBe(true);
  quota.record(SCOPE, false, 'server-error', first(1));
  expect(quota.tryRetry(SCOPE, 'server-error')).toBe(true);
  quota.record(SCOPE, false, 'server-error', first(2, 'server-error'));
  expect(quota.tryRetry(SCOPE, 'server-error')).toBe(true);
  quota.record(SCOPE, true, undefined, first(2, 'server-error'));
  quota.record(SCOPE, true, undefined, first(3, 'server-error'));
  expect(quota.available(SCOPE)).toBe(486);
});

// smithy-lang/smithy-typescript packages/util-retry/src/defaultRetryToken.spec.ts (classic costs).
describe('the retry quota matches smithy-typescript defaultRetryToken behaviour', () => {
  it('a quota of 5 cannot pay for a transient (timeout) retry, which costs 10', () => {
    const quota = createRetryQuota({ capacity: 5 });
    expect(quota.tryRetry(SCOPE, 'timeout')).toBe(false);
    expect(quota.tryRetry(SCOPE, 'network')).toBe(false);
    expect(quota.tryRetry(SCOPE, 'server-error')).toBe(true);
    expect(quota.available(SCOPE)).toBe(0);
  });

  it('a drained quota allows exactly one more retry after a refund of its cost', () => {
    const quota = createRetryQuota();
    while (quota.tryRetry(SCOPE, 'rate-limit')) {}
    expect(quota.available(SCOPE)).toBe(0);
    quota.record(SCOPE, true, undefined, { attempt: 2, retryable: false, previousReason: 'rate-limit' });
    expect(quota.tryRetry(SCOPE, 'rate-limit')).toBe(true);
    expect(quota.tryRetry(SCOPE, 'rate-limit')).toBe(false);
  });

  it('successes at the first attempt add 1 each: 5 of them buy one retry back', () => {
    const quota = createRetryQuota();
    while (quota.tryRetry(SCOPE, 'server-error')) {}
    for (let i = 0; i < 5; i++) {
      expect(quota.tryRetry(SCOPE, 'server-error')).toBe(false);
      quota.record(SCOPE, true, undefined, { attempt: 1, retryable: false, previousReason: undefined });
    }
    expect(quota.tryRetry(SCOPE, 'server-error')).toBe(true);
  });

  it('the quota never grows past its capacity: after 100 increments, still 500 / 5 retries', () => {
    const quota = createRetryQuota();
    for (let i = 0; i < 100; i++) quota.record(SCOPE, true);
    let retries = 0;
    while (quota.tryRetry(SCOPE, 'server-error')) retries += 1;
    expect(retries).toBe(100);
  });
});

describe('createRetryQuota', () => {
  it('keeps one quota per scope and prices timeouts and network errors at 10', () => {
    const quota = createRetryQuota();
    expect(quota.tryRetry('a', 'timeout')).toBe(true);
    expect(quota.tryRetry('a', 'network')).toBe(true);
    expect(quota.tryRetry('a', 'overloaded')).toBe(true);
    expect(quota.available('a')).toBe(475);
    expect(quota.available('b')).toBe(500);
  });

  it('a failure does not cost anything by itself; only a retry does', () => {
    const quota = createRetryQuota();
    quota.record(SCOPE, false, 'server-error', { attempt: 1, retryable: true, previousReason: undefined });
    expect(quota.available(SCOPE)).toBe(500);
  });

  it.each([
    [{ capacity: -1 }, 'retryQuota.capacity'],
    [{ retryCost: 1.5 }, 'retryQuota.retryCost'],
    [{ timeoutRetryCost: Number.NaN }, 'retryQuota.timeoutRetryCost'],
    [{ throttlingRetryCost: '5' }, 'retryQuota.throttlingRetryCost'],
    [{ noRetryIncrement: -1 }, 'retryQuota.noRetryIncrement'],
    [{ capacty: 500 }, 'retryQuota.capacty'],
    ['500', 'retryQuota'],
  ])('rejects %j naming %s, the value and a fix', (options, field) => {
    let error: unknown;
    try {
      createRetryQuota(options as never);
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error) && error.field).toBe(field);
    expect(String(error)).toMatch(/expected|unknown option/);
  });
});
