import { describe, expect, it } from 'vitest';
import { DEFAULT_ERROR_CODE_PATHS, definePolicy } from './define-policy.js';
import { readErrorBody } from './error-body.js';
import { matchRule } from './match-rule.js';

// The most specific rule wins: status+code > exact status > narrower range > class.
const policy = definePolicy({
  extends: 'none',
  rules: {
    '4xx': { action: 'fail', reason: 'client-error' },
    '5xx': { action: 'retry', reason: 'server-error' },
    '520-529': { action: 'retry', reason: 'gateway-timeout' },
    '522-524': { action: 'retry', reason: 'network' },
    '524': { action: 'retry', reason: 'timeout' },
    '5xx:overloaded_error': { action: 'retry', reason: 'overloaded' },
    '524:fatal': { action: 'fail', reason: 'unknown' },
    '429': { action: 'retry', reason: 'rate-limit' },
    '429:insufficient_quota': { action: 'fail', reason: 'quota' },
    '400:1234': { action: 'fail', reason: 'context-length' },
  },
});
const status = (code: number, body?: unknown) =>
  matchRule(policy, {
    kind: 'status',
    status: code,
    codes: readErrorBody(body === undefined ? undefined : JSON.stringify(body), DEFAULT_ERROR_CODE_PATHS).codes,
  }).reason;

describe('matchRule specificity', () => {
  it.each([
    [500, 'server-error'],
    [521, 'gateway-timeout'],
    [523, 'network'],
    [524, 'timeout'],
    [404, 'client-error'],
  ])('%d → %s (narrowest status span)', (code, reason) => {
    expect(status(code)).toBe(reason);
  });

  it('a code rule beats every status rule, even one on a wider span', () => {
    expect(status(524, { error: { type: 'overloaded_error' } })).toBe('overloaded');
    expect(status(524, { error: { code: 'fatal' } })).toBe('unknown');
  });

  it.each([
    ['error.code', { error: { code: 'insufficient_quota' } }],
    ['error.type', { error: { type: 'insufficient_quota', code: null } }],
    ['top-level error_type', { error_type: 'insufficient_quota' }],
    ['Anthropic shape', { type: 'error', error: { type: 'insufficient_quota', message: 'x' } }],
    ['array-wrapped body', [{ error: { code: 'insufficient_quota' } }]],
    ['upper-case code', { error: { code: 'INSUFFICIENT_QUOTA' } }],
  ])('reads the code from %s', (_where, body) => {
    expect(status(429, body)).toBe('quota');
  });

  it('reads numeric codes', () => {
    expect(status(400, { error: { code: 1234 } })).toBe('context-length');
  });

  it('without a code, or with an unknown one, the status rule applies', () => {
    expect(status(429)).toBe('rate-limit');
    expect(status(429, { error: { code: 'rate_limit_exceeded' } })).toBe('rate-limit');
  });

  it('network and timeout have their own keys, with fallbacks when absent', () => {
    expect(matchRule(policy, { kind: 'network' })).toMatchObject({ action: 'retry', reason: 'network' });
    expect(matchRule(policy, { kind: 'timeout' })).toMatchObject({ action: 'retry', reason: 'timeout' });
  });
});
