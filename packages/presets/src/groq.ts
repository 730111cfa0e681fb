import type { Preset } from './preset.js';

// Statuses: console.groq.com/docs/errors; headers: console.groq.com/docs/rate-limits.
export const groq: Preset = {
  name: 'groq',
  aliases: [],
  title: 'Groq',
  hosts: [
    // doc: console.groq.com/docs/api-reference (https://api.groq.com/openai/v1).
    'api.groq.com',
    // doc: developers.cloudflare.com/ai-gateway/providers/groq.
    'gateway.ai.cloudflare.com/v1/*/*/groq',
  ],
  sources: ['https://console.groq.com/docs/errors', 'https://console.groq.com/docs/rate-limits'],
  policy: {
    name: 'groq',
    rules: {
      '400': { action: 'fail', reason: 'invalid-request', hint: 'Fix the parameter the message names.' },
      '401': { action: 'fail', reason: 'auth', hint: 'The key was refused: check the Groq API key.' },
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: 'This key may not use the resource: check its permissions.',
      },
      '404': { action: 'fail', reason: 'not-found', hint: 'Check the model name and the endpoint path.' },
      '413': { action: 'fail', reason: 'too-large', hint: 'The request body is too large: shorten it.' },
      // wire: one request bigger than the tokens-per-minute bucket is a 413 rate_limit_exceeded.
      '413:rate_limit_exceeded': {
        action: 'fail',
        reason: 'too-large',
        hint: "This single request needs more tokens than the model's per-minute limit: shorten the messages or use a model with a higher limit.",
      },
      // doc: 422 is a semantic error "or model hallucination"; the table fails it by default.
      '422': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request was understood but could not be processed (for tool or JSON output, the model may have produced invalid output): check it, or retry yourself once.',
      },
      '424': {
        action: 'fail',
        reason: 'client-error',
        hint: 'A dependency of the request (such as a remote tool or MCP server) failed: check it, then retry.',
      },
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over a per-minute limit for this model: send more slowly, or upgrade the plan.',
      },
      // wire: the daily caps are named only in the message ("on tokens per day (TPD)", "(RPD)"); no
      // header reports TPD. As a quota it does not slow the throttle. The day's tokens refill
      // continuously (1,239 tokens short of a 200,000 TPD gives "Please try again in 8m55.248s"),
      // so a wait over maxRetryAfterMs fails fast with retryAt and a short one is worth one retry.
      '429:~per day (': {
        action: 'retry',
        reason: 'quota',
        maxAttempts: 2,
        hint: "The organisation's daily token or request allowance for this model is used up: wait until the time the error gives, use another model, or upgrade the plan.",
      },
      // doc: 498 is Groq's flex-tier capacity signal (capacity_exceeded).
      '498': {
        action: 'retry',
        reason: 'overloaded',
        hint: 'The flex tier is out of capacity: retried with backoff; use the on_demand service tier if it persists.',
      },
      // doc: 499 is a cancelled request; a client still listening did not cancel it.
      '499': { action: 'retry', reason: 'unknown' },
    },
    // doc: the requests headers are always per DAY, the tokens headers per minute; Go durations.
    rateLimitHeaders: [
      {
        unit: 'requests',
        windowSeconds: 86_400,
        limit: 'x-ratelimit-limit-requests',
        remaining: 'x-ratelimit-remaining-requests',
        reset: 'x-ratelimit-reset-requests',
        resetFormat: 'go-duration',
      },
      {
        unit: 'tokens',
        windowSeconds: 60,
        limit: 'x-ratelimit-limit-tokens',
        remaining: 'x-ratelimit-remaining-tokens',
        reset: 'x-ratelimit-reset-tokens',
        resetFormat: 'go-duration',
      },
    ],
  },
};
