import { describe, expect, test } from 'vitest';
import { isConfigError } from '../errors/config-error.js';
import { definePolicy } from './define-policy.js';
import { matchRule } from './match-rule.js';

const policy = definePolicy({
  rules: {
    '400': { action: 'fail', reason: 'invalid-request' },
    '400:~credit balance is too low': { action: 'fail', reason: 'billing' },
    '429': { action: 'retry', reason: 'rate-limit' },
    '429:rate_limit_exceeded': { action: 'retry', reason: 'rate-limit', hint: 'by code' },
    '429:~request too large': { action: 'fail', reason: 'too-large' },
    '429:*perday*': { action: 'fail', reason: 'quota' },
    '503:~无可用渠道': { action: 'fail', reason: 'model-not-found' },
  },
});

const status = (code: number, codes: string[], message?: string) =>
  matchRule(policy, { kind: 'status', status: code, codes, message });

describe('rules on the provider message and on code patterns', () => {
  test('message words match case-insensitively and win over a code match', () => {
    expect(status(400, [], 'Your credit balance is too low to access the API.').reason).toBe('billing');
    expect(status(429, ['rate_limit_exceeded'], 'Request too large for gpt-4o on TPM').reason).toBe('too-large');
    expect(status(429, ['rate_limit_exceeded'], 'Rate limit reached').hint).toBe('by code');
  });

  test('of two message rules that both match, the longer text wins, whatever the order written', () => {
    const a = definePolicy({
      rules: { '429:~per day': 'retry', '429:~request too large': { action: 'fail', reason: 'too-large' } },
    });
    const b = definePolicy({
      rules: { '429:~request too large': { action: 'fail', reason: 'too-large' }, '429:~per day': 'retry' },
    });
    const message = 'Request too large for gpt-4o on tokens per day (TPD)';
    for (const p of [a, b])
      expect(matchRule(p, { kind: 'status', status: 429, codes: [], message }).reason).toBe('too-large');
  });

  test('non-English gateway messages', () => {
    expect(status(503, [], '当前分组 default 下对于模型 gpt-5 无可用渠道 (request id: 1)').reason).toBe(
      'model-not-found',
    );
    expect(status(503, [], 'upstream error').reason).toBe('overloaded');
  });

  test('a * pattern matches any code that fits it; an exact code beats it', () => {
    expect(status(429, ['generaterequestsperdayperprojectpermodel-freetier']).reason).toBe('quota');
    expect(status(429, ['perminute']).reason).toBe('rate-limit');
  });

  test('an empty or control-character message key is rejected with the field named', () => {
    for (const key of ['429:~', '429:~a\u0007b']) {
      let error: unknown;
      try {
        definePolicy({ rules: { [key]: 'fail' } });
      } catch (caught) {
        error = caught;
      }
      expect(isConfigError(error) && error.field).toBe(`rules[${JSON.stringify(key)}]`);
    }
  });
});
