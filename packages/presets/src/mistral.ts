import type { Preset } from './preset.js';

// Statuses: docs.mistral.ai/resources/error-glossary. Headers are the ones seen on the wire
// (several independent parsers), not the x-ratelimit-* names some pages mention (providers.md §11).
// The body is top-level (`{"object":"error","type",…,"code"}`), read by the default `type`/`code` paths.
export const mistral: Preset = {
  name: 'mistral',
  aliases: ['mistral-ai', 'mistralai'],
  title: 'Mistral AI',
  hosts: [
    // doc: docs.mistral.ai/api (https://api.mistral.ai/v1).
    'api.mistral.ai',
    // doc: docs.mistral.ai/capabilities/code_generation (Codestral's own endpoint).
    'codestral.mistral.ai',
    // doc: developers.cloudflare.com/ai-gateway/providers/mistral.
    'gateway.ai.cloudflare.com/v1/*/*/mistral',
  ],
  sources: ['https://docs.mistral.ai/resources/error-glossary'],
  policy: {
    name: 'mistral',
    rules: {
      '400': { action: 'fail', reason: 'invalid-request', hint: 'Fix the parameter the message names (`param`).' },
      '401': { action: 'fail', reason: 'auth', hint: 'The key was refused: check the Mistral API key.' },
      // doc: prepaid credit at zero, spend limit reached, or an unpaid invoice.
      '402': {
        action: 'fail',
        reason: 'billing',
        hint: 'Billing blocks the request (no prepaid credit left, spend limit reached, or an unpaid invoice): fix it in the billing console.',
      },
      // doc: 403 is a model outside the workspace's tier.
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: "The model is not available on this workspace's plan: pick another model or upgrade.",
      },
      '404': { action: 'fail', reason: 'not-found', hint: 'Check the model name and the endpoint path.' },
      // wire: code unknown_model (param "model"); the status was not captured, so it covers 400 and 404.
      '400:unknown_model': { action: 'fail', reason: 'model-not-found', hint: 'Unknown model: check the model name.' },
      '404:unknown_model': { action: 'fail', reason: 'model-not-found', hint: 'Unknown model: check the model name.' },
      '422': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'A field failed validation: the message lists which (loc) and why (msg).',
      },
      // doc: requests per second and tokens per minute are limited separately, per workspace.
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over the requests-per-second or tokens-per-minute limit: send more slowly, or raise the limits in the console.',
      },
      // The default policy already retries 500, 502, 503 and 504, as the doc recommends.
    },
    // wire: token-denominated only; the reset is integer seconds from now.
    // gap: Mistral also sends a monthly token budget (x-ratelimitbysize-limit-month,
    // x-ratelimitbysize-remaining-month) with no reset header. A spec's windowSeconds means a fixed
    // window to pace over, and a calendar month is neither fixed nor a pace, so it is left out;
    // core would need a budget kind of header that only fails fast (with the month's end as
    // retryAt) when remaining reaches 0.
    rateLimitHeaders: [
      {
        unit: 'tokens',
        limit: 'ratelimitbysize-limit',
        remaining: 'ratelimitbysize-remaining',
        reset: 'ratelimitbysize-reset',
        resetFormat: 'delta-seconds',
      },
      {
        unit: 'tokens',
        windowSeconds: 60,
        limit: 'x-ratelimitbysize-limit-minute',
        remaining: 'x-ratelimitbysize-remaining-minute',
      },
    ],
  },
};
