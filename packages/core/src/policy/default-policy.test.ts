import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY_INPUT, QUOTA_CODES } from './default-policy.js';
import { definePolicy } from './define-policy.js';
import { matchRule } from './match-rule.js';

// G10: the default policy gives exactly one action for every status, and the documented ones.
const policy = definePolicy(DEFAULT_POLICY_INPUT);
const action = (status: number, codes: string[] = []) => matchRule(policy, { kind: 'status', status, codes });

const FAIL = [400, 401, 402, 403, 404, 413, 422];
const RETRY = [408, 429, 500, 502, 503, 504, 524];

describe('default policy', () => {
  it('classifies every status 100–599 into exactly one action', () => {
    for (let status = 100; status <= 599; status++) {
      const rule = action(status);
      expect(['retry', 'fail'], `status ${status}`).toContain(rule.action);
      if (status >= 400 && !FAIL.includes(status) && !RETRY.includes(status)) {
        // Unknown 4xx fail, unknown 5xx retry.
        expect(rule.action, `status ${status}`).toBe(status < 500 ? 'fail' : 'retry');
      }
    }
  });

  it.each(FAIL)('%d fails fast, with a hint', (status) => {
    expect(action(status).action).toBe('fail');
    expect(action(status).hint).toBeTruthy();
  });

  it.each(RETRY)('%d retries', (status) => {
    expect(action(status).action).toBe('retry');
  });

  it.each(QUOTA_CODES)('429 with %s fails with reason "quota"', (code) => {
    expect(action(429, [code])).toMatchObject({ action: 'fail', reason: 'quota' });
  });

  it('network errors and attempt timeouts retry', () => {
    expect(matchRule(policy, { kind: 'network' }).action).toBe('retry');
    expect(matchRule(policy, { kind: 'timeout' }).action).toBe('retry');
  });

  it('an empty policy extends the default one', () => {
    expect(definePolicy({}).rules).toEqual(policy.rules);
  });

  it('is frozen, so no caller can change the default for everyone', () => {
    expect(Object.isFrozen(DEFAULT_POLICY_INPUT)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY_INPUT.rules)).toBe(true);
    expect(Object.isFrozen(DEFAULT_POLICY_INPUT.rules?.['429'])).toBe(true);
  });
});
