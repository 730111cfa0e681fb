import type { Preset } from './preset.js';

// Statuses (google.rpc codes): ai.google.dev/gemini-api/docs/troubleshooting; body shapes
// from captured responses (providers.md §10). Codes are read from `error.status`.
export const gemini: Preset = {
  name: 'gemini',
  aliases: ['google', 'vertex'],
  title: 'Google Gemini (AI Studio, Vertex AI)',
  sources: [
    'https://ai.google.dev/gemini-api/docs/troubleshooting',
    'github.com/googleapis/js-genai src/_api_client.ts (retry statuses)',
  ],
  policy: {
    name: 'gemini',
    rules: {
      // doc: INVALID_ARGUMENT, also for an invalid key (details reason API_KEY_INVALID).
      // gap: `details[].reason` sits in an array at no fixed index; paths cannot search arrays.
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request body is malformed or the API key is invalid: check both against the API reference.',
      },
      // doc: FAILED_PRECONDITION: the free tier is not offered in this region; billing is needed.
      '400:failed_precondition': {
        action: 'fail',
        reason: 'billing',
        hint: 'The free tier is not available where this request comes from: enable billing on the project.',
      },
      // doc: 402 means the prepaid credit balance is used up.
      '402': { action: 'fail', reason: 'billing', hint: 'The prepaid credits are used up: add credit to the project.' },
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: 'The key lacks permission (or the tuned model needs other credentials): check the key and its project.',
      },
      '404': {
        action: 'fail',
        reason: 'not-found',
        hint: 'Check the model name and any file names the request refers to.',
      },
      // gap: a per-day quota (quotaId containing PerDay), "limit: 0" (no quota for this model on
      // this tier) and "prepayment credits are depleted" are all 429 RESOURCE_EXHAUSTED; they are
      // told apart only by QuotaFailure details and the message, so every 429 is retried. The
      // wait Google asks for is in the body (RetryInfo.retryDelay), which core does not read.
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over a requests- or tokens-per-minute or per-day quota: send more slowly. If the message says limit: 0, this tier has no quota for the model; if it mentions prepayment credits, add credit.',
      },
      // doc: 499 CANCELLED; a client still listening did not cancel it.
      '499': { action: 'retry', reason: 'unknown' },
      // doc: INTERNAL, often with a very long context: worth two more tries, not five.
      '500': {
        action: 'retry',
        reason: 'server-error',
        maxAttempts: 3,
        hint: 'Internal error at Google, often caused by a very long input: retried twice; shorten the context or switch model if it persists.',
      },
      '503': {
        action: 'retry',
        reason: 'overloaded',
        hint: 'The model is overloaded or briefly unavailable: retried with backoff; switch model if it persists.',
      },
      // doc: DEADLINE_EXCEEDED: the request needed more time than its deadline.
      '504': {
        action: 'retry',
        reason: 'gateway-timeout',
        hint: 'The request ran past its deadline: retried; give long requests a longer timeout.',
      },
    },
    // doc: Gemini sends no rate-limit headers.
    rateLimitHeaders: [],
  },
};
