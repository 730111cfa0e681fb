import { cloudflareRules } from './cloudflare.js';
import type { Preset } from './preset.js';

// Statuses and fixes: docs.together.ai/docs/error-codes; headers and dynamic limits:
// docs.together.ai/docs/rate-limits (limits are per second; 503 means a burst below your
// dynamic rate, 429 one above it).
export const together: Preset = {
  name: 'together',
  aliases: ['together-ai', 'togetherai'],
  title: 'Together AI',
  hosts: [
    // doc: docs.together.ai/reference (https://api.together.xyz/v1).
    'api.together.xyz',
  ],
  sources: ['https://docs.together.ai/docs/error-codes', 'https://docs.together.ai/docs/rate-limits'],
  policy: {
    name: 'together',
    rules: {
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'Make sure the body is valid JSON, the API key is right, and the prompt uses the format this model family expects (Mistral and Llama differ).',
      },
      '401': {
        action: 'fail',
        reason: 'auth',
        hint: 'The API key is missing or invalid: check it and send it as "Authorization: Bearer <key>".',
      },
      '402': {
        action: 'fail',
        reason: 'billing',
        hint: "The account reached its monthly spending limit: raise the limit in Together's billing settings or make a payment.",
      },
      '403': {
        action: 'fail',
        reason: 'context-length',
        hint: "Prompt tokens plus max_tokens exceed the model's context length: lower max_tokens, or for chat models pass null so the model picks where to stop.",
      },
      '404': {
        action: 'fail',
        reason: 'not-found',
        hint: 'Check the endpoint URL and that the model name is one Together serves.',
      },
      '422': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request was rejected by validation (for example the safety checker): change the input.',
      },
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Above your dynamic rate limit: send more slowly and steadily; sustained successful traffic raises the limit.',
      },
      '429:dynamic_request_limited': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Above your dynamic request rate: send requests more slowly and steadily.',
      },
      '429:dynamic_token_limited': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Above your dynamic token rate: send fewer tokens per second (shorter prompts or lower max_tokens).',
      },
      '500': {
        action: 'retry',
        reason: 'server-error',
        hint: 'A server error at Together: retried after a short wait; if it keeps happening, contact Together support.',
      },
      // gap: a 503 here is a burst at or below the dynamic rate, so the throttle should back off a
      // little without giving up the rate it learned; reasons only say whether the throttle learns
      // (`rate-limit`) or not, so `overloaded` leaves it untouched (core would need a mild kind).
      '503': {
        action: 'retry',
        reason: 'overloaded',
        hint: 'The engine is overloaded: retried after a short wait; if it keeps happening, contact Together support.',
      },
      // 3p: Together sits behind Cloudflare (community SDKs map 520, 524 and 529 for it).
      ...cloudflareRules,
      '529': { action: 'retry', reason: 'overloaded' },
    },
    // doc: limits are per second; x-ratelimit-reset is seconds from now. Serverless only.
    rateLimitHeaders: [
      {
        unit: 'requests',
        windowSeconds: 1,
        limit: 'x-ratelimit-limit',
        remaining: 'x-ratelimit-remaining',
        reset: 'x-ratelimit-reset',
        resetFormat: 'delta-seconds',
      },
      { unit: 'tokens', windowSeconds: 1, limit: 'x-tokenlimit-limit', remaining: 'x-tokenlimit-remaining' },
      // doc: the dynamic rate this account has earned, also per second.
      {
        unit: 'requests',
        windowSeconds: 1,
        limit: 'x-ratelimit-limit-dynamic',
        remaining: 'x-ratelimit-remaining-dynamic',
      },
      {
        unit: 'tokens',
        windowSeconds: 1,
        limit: 'x-tokenlimit-limit-dynamic',
        remaining: 'x-tokenlimit-remaining-dynamic',
      },
    ],
  },
};
