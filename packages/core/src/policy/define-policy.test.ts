import { describe, expect, it } from 'vitest';
import { ConfigError, isConfigError } from '../errors/config-error.js';
import { definePolicy } from './define-policy.js';
import type { PolicyInput } from './types.js';

// Habit 5 and §9.2 group J: a bad policy fails when it is built, with a ConfigError whose
// `field` is the dotted path and whose message names the bad value and the fix.
function rejection(input: unknown): ConfigError {
  try {
    definePolicy(input as PolicyInput);
  } catch (error) {
    if (isConfigError(error)) return error as ConfigError;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('definePolicy rejects', () => {
  it.each([
    [{ rules: { '429': 'sleep' } }, 'rules["429"].action', /"retry", "fail", got "sleep"/],
    [{ rules: { '99': 'retry' } }, 'rules["99"]', /status 100–599/],
    [{ rules: { '600': 'retry' } }, 'rules["600"]', /status 100–599/],
    [{ backoff: { baseMs: -1 } }, 'backoff.baseMs', /-1.*typical value is 500/],
    [{ backoff: { baseMs: Number.NaN } }, 'backoff.baseMs', /NaN/],
    [{ backoff: { capMs: -5 } }, 'backoff.capMs', /-5/],
    [{ backoff: { capMs: Number.NaN } }, 'backoff.capMs', /NaN/],
    [{ backoff: { baseMs: 1000, capMs: 500 } }, 'backoff.capMs', /500 ms.*1000 ms.*raise capMs or lower baseMs/],
    [{ backoff: { jitter: 'gaussian' } }, 'backoff.jitter', /"gaussian"/],
    [{ maxRetryAfterMs: -1 }, 'maxRetryAfterMs', /-1.*Use 0 to never wait/],
    [{ maxRetryAfterMs: Number.NaN }, 'maxRetryAfterMs', /NaN/],
    // Longer than a JS timer holds: it would fire at once instead (G2).
    [{ maxRetryAfterMs: 2 ** 31 }, 'maxRetryAfterMs', /2147483648/],
    [{ backoff: { capMs: 1e12 } }, 'backoff.capMs', /1000000000000/],
    [{ timeoutMs: 0 }, 'timeoutMs', /Leave it out for no limit/],
    [{ attemptTimeoutMs: Number.POSITIVE_INFINITY }, 'attemptTimeoutMs', /Infinity/],
    [{ rules: { '500-520': 'retry', '510-530': 'retry' } }, 'rules["510-530"]', /overlaps rules\["500-520"\].*nest/],
    [{ rules: { '5XX': 'retry', '5xx': 'fail' } }, 'rules["5xx"]', /duplicates rules\["5XX"\]/],
    [{ rules: { '400': { action: 'fail', maxAttempts: 3 } } }, 'rules["400"].maxAttempts', /only applies to "retry"/],
    [{ rules: { '400': { action: 'fail', backoff: {} } } }, 'rules["400"].backoff', /remove backoff/],
    [{ rules: { '429': { action: 'retry', retries: 3 } } }, 'rules["429"].retries', /unknown option.*maxAttempts/],
    [{ retries: 3 }, 'retries', /unknown option/],
    [{ backoff: { factor: 2 } }, 'backoff.factor', /unknown option/],
    [
      { rateLimitHeaders: [{ unit: 'requests', reset: 'x-reset' }] },
      'rateLimitHeaders[0].resetFormat',
      /got undefined/,
    ],
    [{ errorCodePaths: ['error..code'] }, 'errorCodePaths', /dotted paths/],
    [{ extends: 'nope' }, 'extends', /unknown policy "nope"/],
  ])('%j at %s', (input, field, message) => {
    const error = rejection(input);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, 1e9])(
    'maxAttempts %d, at policy and rule level',
    (value) => {
      const shown = Number.isNaN(value) ? 'NaN' : String(value);
      const top = rejection({ maxAttempts: value });
      expect(top.field).toBe('maxAttempts');
      expect(top.message).toContain(`got ${shown}`);
      expect(top.message).toMatch(/use 1 to never retry/);
      const rule = rejection({ rules: { '503': { action: 'retry', maxAttempts: value } } });
      expect(rule.field).toBe('rules["503"].maxAttempts');
    },
  );
});

describe('definePolicy accepts', () => {
  it('nested ranges, ranges that do not touch, and the same range with different codes', () => {
    expect(() =>
      definePolicy({
        rules: {
          '5xx': 'retry',
          '520-524': 'retry',
          '521-522': 'fail',
          '400-410': 'fail',
          '411-420': 'fail',
          '429:a': 'fail',
          '429:b': 'fail',
        },
      }),
    ).not.toThrow();
  });

  it('maxAttempts 1 (never retry) and a rule limit above the policy one (capped by it)', () => {
    const policy = definePolicy({ maxAttempts: 3, rules: { '503': { action: 'retry', maxAttempts: 10 } } });
    expect(policy.rules['503']?.maxAttempts).toBe(3);
    expect(definePolicy({ maxAttempts: 1 }).maxAttempts).toBe(1);
  });

  it('returns a built policy as is', () => {
    const policy = definePolicy({});
    expect(definePolicy(policy)).toBe(policy);
  });
});
