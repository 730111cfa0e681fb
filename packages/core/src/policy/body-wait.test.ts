import { describe, expect, test } from 'vitest';
import { readErrorBody } from './error-body.js';

const PATHS = ['error.code', 'error.status'];

describe('waits written in the error body', () => {
  test("Gemini's RetryInfo.retryDelay", () => {
    const body = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.Help', links: [] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '57.238747106s' },
        ],
      },
    };
    expect(readErrorBody(JSON.stringify(body), PATHS).waitMs).toBe(57_239);
  });

  test.each([
    ['Rate limit reached … Please try again in 1.146s. Visit …', 1146],
    ['… on tokens per day (TPD): Limit 200000. Please try again in 8m55.248s.', 535_248],
    ['Please try again in 20ms.', 20],
    ['Quota exceeded. Please retry in 20.223932614s.', 20_224],
    ['… exceeded token rate limit of your current pricing tier. Please retry after 37 seconds.', 37_000],
  ])('in the message: %s', (message, expected) => {
    expect(readErrorBody(JSON.stringify({ error: { message } }), PATHS).waitMs).toBe(expected);
  });

  test('no hint, a malformed one, or no JSON: no wait', () => {
    expect(readErrorBody('{"error":{"message":"slow down"}}', PATHS).waitMs).toBeUndefined();
    expect(readErrorBody('{"error":{"message":"try again in 5x"}}', PATHS).waitMs).toBeUndefined();
    expect(readErrorBody('<html>524</html>', PATHS).waitMs).toBeUndefined();
  });
});

describe('code paths into arrays', () => {
  test('a [] segment collects from every element', () => {
    const body = {
      error: {
        status: 'INVALID_ARGUMENT',
        details: [{ reason: 'API_KEY_INVALID' }, { violations: [{ quotaId: 'PerDayPerProject' }] }],
      },
    };
    const info = readErrorBody(JSON.stringify(body), [
      'error.details[].reason',
      'error.details[].violations[].quotaId',
    ]);
    expect(info.codes).toEqual(['api_key_invalid', 'perdayperproject']);
  });
});
