import type { Preset } from './preset.js';

// Statuses: docs.cohere.com/errors-reference; limits: docs.cohere.com/docs/rate-limits.
// The body is `{"message":…}` with no code, so rules key on the status and the message.
export const cohere: Preset = {
  name: 'cohere',
  aliases: [],
  title: 'Cohere',
  hosts: [
    // doc: docs.cohere.com/reference/about (https://api.cohere.com; api.cohere.ai is the older name).
    'api.cohere.com',
    'api.cohere.ai',
    // doc: developers.cloudflare.com/ai-gateway/providers/cohere.
    'gateway.ai.cloudflare.com/v1/*/*/cohere',
  ],
  sources: ['https://docs.cohere.com/errors-reference', 'https://docs.cohere.com/docs/rate-limits'],
  policy: {
    name: 'cohere',
    rules: {
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request was rejected: fix what the message names.',
      },
      // doc: "too many tokens: …" is a 400 for input that does not fit the model.
      '400:~too many tokens': {
        action: 'fail',
        reason: 'context-length',
        hint: 'The input is longer than the model accepts: shorten it, or let Cohere truncate it.',
      },
      '401': { action: 'fail', reason: 'auth', hint: 'The key was refused or has expired: check the Cohere API key.' },
      '402': { action: 'fail', reason: 'billing', hint: 'Payment is required: check the billing settings.' },
      '404': { action: 'fail', reason: 'not-found', hint: 'Check the model name and the endpoint path.' },
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over the per-minute limit: send more slowly, or use a production key.',
      },
      // wire: a trial key's monthly cap is a 429 whose message reads "… limited to 1000 API calls
      // / month"; nothing comes back until the next month, so waiting minutes is pointless.
      '429:~api calls / month': {
        action: 'fail',
        reason: 'quota',
        hint: 'This trial key has used its calls for the month: switch to a production key, or wait until next month.',
      },
      // doc: 499 is a cancelled request and the doc says to try again.
      '499': { action: 'retry', reason: 'unknown' },
      '500': { action: 'retry', reason: 'server-error' },
    },
    // doc: Cohere documents no rate-limit headers.
    rateLimitHeaders: [],
  },
};
