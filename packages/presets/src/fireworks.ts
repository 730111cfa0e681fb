import type { Preset } from './preset.js';

// Statuses: docs.fireworks.ai/guides/inference-error-codes; limits and headers:
// docs.fireworks.ai/serverless/rate-limits (values are tokens per second).
export const fireworks: Preset = {
  name: 'fireworks',
  aliases: ['fireworks-ai'],
  title: 'Fireworks AI',
  hosts: [
    // doc: docs.fireworks.ai/api-reference (https://api.fireworks.ai/inference/v1).
    'api.fireworks.ai',
  ],
  sources: [
    'https://docs.fireworks.ai/guides/inference-error-codes',
    'https://docs.fireworks.ai/serverless/rate-limits',
  ],
  policy: {
    name: 'fireworks',
    rules: {
      '400': { action: 'fail', reason: 'invalid-request', hint: 'Fix the parameter the message names.' },
      '401': { action: 'fail', reason: 'auth', hint: 'The key was refused: check the Fireworks API key.' },
      // doc: not on a paid plan, or over a usage limit.
      '402': {
        action: 'fail',
        reason: 'billing',
        hint: 'The account needs a paid plan or is over its usage limit: check billing.',
      },
      // doc: also sent for models that do not exist, so availability is not revealed.
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: 'Either the key may not use this model or the model does not exist: check the key and the full model path.',
      },
      '404': { action: 'fail', reason: 'not-found', hint: 'Check the endpoint path and the model name.' },
      '405': {
        action: 'fail',
        reason: 'client-error',
        hint: 'Use the HTTP method this endpoint expects (POST for inference).',
      },
      '408': { action: 'retry', reason: 'timeout' },
      // doc: account suspended, or a LoRA adapter failed to load.
      '412': {
        action: 'fail',
        reason: 'client-error',
        hint: 'The account is suspended or the LoRA adapter failed to load: check the account status and the adapter.',
      },
      '413': {
        action: 'fail',
        reason: 'too-large',
        hint: 'The request is too large: shorten the prompt or the payload.',
      },
      // doc: serverless = adaptive per-account limits; dedicated deployments = capacity is full.
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over the serverless rate limit, or a dedicated deployment is at capacity: send more slowly or add capacity.',
      },
      // doc: 500 is a server-side bug "unlikely to resolve on its own": one retry at most.
      '500': {
        action: 'retry',
        reason: 'server-error',
        maxAttempts: 2,
        hint: 'A server-side error that rarely clears by itself: retried once; report it to Fireworks if it persists.',
      },
      // doc: 503 Service Overloaded; the Priority tier is served first.
      '503': {
        action: 'retry',
        reason: 'overloaded',
        hint: 'Fireworks is overloaded: retried with backoff; the Priority tier is less affected.',
      },
      // The default policy already retries 502, 504 and (as an unknown 5xx) 520.
    },
    // doc: effective limits in tokens per second; the remaining-* names are seen on the wire.
    rateLimitHeaders: [
      {
        unit: 'tokens',
        windowSeconds: 1,
        limit: 'x-ratelimit-limit-tokens-prompt',
        remaining: 'x-ratelimit-remaining-tokens-prompt',
      },
      {
        unit: 'tokens',
        windowSeconds: 1,
        limit: 'x-ratelimit-limit-tokens-generated',
        remaining: 'x-ratelimit-remaining-tokens-generated',
      },
    ],
  },
};
