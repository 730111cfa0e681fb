import { describe, expect, test } from 'vitest';
import { isConfigError } from '../errors/config-error.js';
import { definePolicy } from './define-policy.js';

describe('the policy backoff cap is a ceiling for every rule', () => {
  const base = { rules: { '429': { action: 'retry', backoff: { baseMs: 2000 } } } } as const;

  test('a rule base above a policy-wide cap is brought down to it', () => {
    const policy = definePolicy({ ...base, backoff: { capMs: 5 } });
    expect(policy.rules['429']?.backoff).toMatchObject({ baseMs: 5, capMs: 5 });
  });

  test('a rule cannot raise its cap above the policy cap', () => {
    const policy = definePolicy({ rules: { '503': { action: 'retry', backoff: { capMs: 90_000 } } } });
    expect(policy.rules['503']?.backoff.capMs).toBe(policy.backoff.capMs);
  });

  test('at policy level, a base written above the inherited cap raises the cap', () => {
    expect(definePolicy({ backoff: { baseMs: 30_000 } }).backoff).toMatchObject({ baseMs: 30_000, capMs: 30_000 });
  });

  test('a rule writing both base and cap in contradiction is still rejected', () => {
    let error: unknown;
    try {
      definePolicy({ rules: { '503': { action: 'retry', backoff: { baseMs: 100, capMs: 10 } } } });
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error) && error.field).toBe('rules["503"].backoff.capMs');
  });
});
