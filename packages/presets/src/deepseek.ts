import type { Preset } from './preset.js';

// Statuses: api-docs.deepseek.com/quick_start/error_codes; load behaviour:
// api-docs.deepseek.com/quick_start/rate_limit (no limits announced, no rate-limit headers).
// gap: under load DeepSeek holds the connection open with blank lines (non-streaming) or
// ": keep-alive" comments (streaming) for up to 10 minutes instead of answering 429. A policy has
// no field for "keep-alives are not progress" (core would need a first-content timer that such
// bytes do not re-arm), so callers should set a total `timeoutMs` above 10 minutes.
export const deepseek: Preset = {
  name: 'deepseek',
  aliases: [],
  title: 'DeepSeek',
  hosts: [
    // doc: api-docs.deepseek.com (https://api.deepseek.com, also /v1).
    'api.deepseek.com',
    // doc: developers.cloudflare.com/ai-gateway/providers/deepseek.
    'gateway.ai.cloudflare.com/v1/*/*/deepseek',
  ],
  sources: [
    'https://api-docs.deepseek.com/quick_start/error_codes',
    'https://api-docs.deepseek.com/quick_start/rate_limit',
  ],
  policy: {
    name: 'deepseek',
    rules: {
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The body is not in the expected format: correct it as the message says.',
      },
      '401': { action: 'fail', reason: 'auth', hint: 'The key was refused: check the DeepSeek API key.' },
      '402': {
        action: 'fail',
        reason: 'billing',
        hint: 'The account balance is used up: top up before sending more requests.',
      },
      '422': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'A parameter has an invalid value: correct it as the message says.',
      },
      // doc: rate or concurrency; rare, since DeepSeek usually holds the connection instead.
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Requests are arriving too fast or too many run at once: lower concurrency.',
      },
      '500': { action: 'retry', reason: 'server-error' },
      '503': { action: 'retry', reason: 'overloaded', hint: 'DeepSeek is overloaded: retried with backoff.' },
    },
    rateLimitHeaders: [],
  },
};
