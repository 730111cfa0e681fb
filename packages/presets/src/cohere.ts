import type { Preset } from './preset.js';

// Statuses: docs.cohere.com/errors-reference; limits: docs.cohere.com/docs/rate-limits.
// The body is `{"message":…}` with no code, so rules can only key on the status.
export const cohere: Preset = {
  name: 'cohere',
  aliases: [],
  title: 'Cohere',
  sources: ['https://docs.cohere.com/errors-reference', 'https://docs.cohere.com/docs/rate-limits'],
  policy: {
    name: 'cohere',
    rules: {
      // doc: includes "too many tokens" (the input does not fit the model).
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request was rejected: fix what the message names; "too many tokens" means the input must shrink.',
      },
      '401': { action: 'fail', reason: 'auth', hint: 'The key was refused or has expired: check the Cohere API key.' },
      '402': { action: 'fail', reason: 'billing', hint: 'Payment is required: check the billing settings.' },
      '404': { action: 'fail', reason: 'not-found', hint: 'Check the model name and the endpoint path.' },
      // gap: trial keys also stop at 1,000 calls a month, which only the message reveals; that
      // case should fail fast but is retried with the per-minute one.
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over the per-minute limit, or a trial key used its monthly calls: send more slowly, or use a production key.',
      },
      // doc: 499 is a cancelled request and the doc says to try again.
      '499': { action: 'retry', reason: 'unknown' },
      '500': { action: 'retry', reason: 'server-error' },
    },
    // doc: Cohere documents no rate-limit headers.
    rateLimitHeaders: [],
  },
};
