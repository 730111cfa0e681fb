import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { JITTER_MODES } from '../backoff/backoff.js';
import { isConfigError } from '../errors/config-error.js';
import { RESET_FORMATS } from '../retry-after/parse-reset.js';
import { MAX_TIMER_MS } from '../runtime/clock.js';
import { DEFAULT_POLICY_INPUT } from './default-policy.js';
import { definePolicy } from './define-policy.js';
import { REASONS } from './reason.js';
import type { PolicyInput } from './types.js';

// policy.schema.json is what editors and CI check policy files against. It must accept every
// policy definePolicy() accepts and reject the mistakes it can express.
const schema = JSON.parse(readFileSync(new URL('../../policy.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true }).compile(schema);

const VALID: PolicyInput[] = [
  DEFAULT_POLICY_INPUT,
  {},
  { $schema: './policy.schema.json' } as PolicyInput,
  {
    name: 'acme',
    extends: 'none',
    maxAttempts: 3,
    backoff: { jitter: 'decorrelated', baseMs: 250, capMs: 8000 },
    maxRetryAfterMs: 0,
    attemptTimeoutMs: 30_000,
    timeoutMs: 120_000,
    rules: {
      '5XX': 'retry',
      '520-524': { action: 'retry', reason: 'gateway-timeout', maxAttempts: 2, honorRetryAfter: false },
      '429:insufficient_quota': { action: 'fail', reason: 'quota', hint: 'Add credit.' },
      '529:overloaded_error': { action: 'retry', backoff: { capMs: 60_000 } },
      '429:*perday*': { action: 'fail', reason: 'quota' },
      '400:~credit balance is too low': { action: 'fail', reason: 'billing' },
      '503:~无可用渠道': { action: 'fail', reason: 'model-not-found' },
      network: 'retry',
      timeout: 'fail',
    },
    rateLimitHeaders: [
      { unit: 'requests', limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', windowSeconds: 1 },
      { unit: 'tokens', remaining: 'x-remaining-tokens', reset: 'x-reset-tokens', resetFormat: 'go-duration' },
    ],
    errorCodePaths: ['error.code', 'error_type', 'error.details[].reason'],
  },
];

const INVALID: Array<[string, unknown]> = [
  ['an unknown top-level option', { retries: 3 }],
  ['an unknown action', { rules: { '429': 'sleep' } }],
  ['status 99', { rules: { '99': 'retry' } }],
  ['status 600', { rules: { '600': 'retry' } }],
  ['a malformed key', { rules: { '4x': 'fail' } }],
  ['an empty message key', { rules: { '400:~': 'fail' } }],
  ['a rule without an action', { rules: { '429': { reason: 'rate-limit' } } }],
  ['an unknown reason', { rules: { '429': { action: 'retry', reason: 'slow-down' } } }],
  ['an unknown rule option', { rules: { '429': { action: 'retry', retries: 3 } } }],
  ['retry-only options on a fail rule', { rules: { '400': { action: 'fail', maxAttempts: 2 } } }],
  ['maxAttempts 0', { maxAttempts: 0 }],
  ['maxAttempts 1.5', { maxAttempts: 1.5 }],
  ['a negative baseMs', { backoff: { baseMs: -1 } }],
  ['an unknown jitter', { backoff: { jitter: 'gaussian' } }],
  ['a wait past the timer limit', { maxRetryAfterMs: MAX_TIMER_MS + 1 }],
  ['timeoutMs 0', { timeoutMs: 0 }],
  ['a reset header without its format', { rateLimitHeaders: [{ unit: 'requests', reset: 'x-reset' }] }],
  ['a bad error code path', { errorCodePaths: ['error..code'] }],
  ['a string for a number', { maxAttempts: '3' }],
];

describe('policy.schema.json', () => {
  it.each(VALID.map((input, index) => [index, input] as const))(
    'accepts valid policy #%d, as definePolicy does',
    (_index, input) => {
      expect(() => definePolicy(input)).not.toThrow();
      expect(validate(input), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it.each(INVALID)('rejects %s, as definePolicy does', (_what, input) => {
    expect(validate(input)).toBe(false);
    let error: unknown;
    try {
      definePolicy(input as PolicyInput);
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error)).toBe(true);
  });

  it('lists the same reasons, jitter modes and reset formats as the code', () => {
    expect(schema.definitions.rule.properties.reason.enum).toEqual(REASONS);
    expect(schema.definitions.backoff.properties.jitter.enum).toEqual(JITTER_MODES);
    expect(schema.definitions.rateLimitHeaderSpec.properties.resetFormat.enum).toEqual(RESET_FORMATS);
  });
});
