import { cloudflareRules } from './cloudflare.js';
import type { Preset } from './preset.js';

// Statuses, codes and headers: developers.openai.com/api/docs/guides/error-codes and
// …/guides/rate-limits; retry set of openai-node 7.5.0 (src/client.ts shouldRetry).
// Billing 429s (insufficient_quota, credit_balance_exhausted, *_spend_limit_exceeded,
// organization_usage_limit_exceeded) fail fast through the default policy's QUOTA_CODES.
// The wait in a 429 message ("Please try again in 1.146s") is read by core as a body wait.
export const openai: Preset = {
  name: 'openai',
  aliases: [],
  title: 'OpenAI',
  hosts: [
    // doc: platform.openai.com/docs/api-reference (base URL https://api.openai.com/v1).
    'api.openai.com',
    // doc: developers.cloudflare.com/ai-gateway/providers/openai (AI Gateway provider path).
    'gateway.ai.cloudflare.com/v1/*/*/openai',
  ],
  sources: [
    'https://developers.openai.com/api/docs/guides/error-codes',
    'https://developers.openai.com/api/docs/guides/rate-limits',
    'github.com/openai/openai-node src/client.ts (shouldRetry)',
  ],
  policy: {
    name: 'openai',
    rules: {
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'A parameter is missing or invalid (the error names it in `param`): fix the request before sending it again.',
      },
      // doc: code context_length_exceeded on 400.
      '400:context_length_exceeded': {
        action: 'fail',
        reason: 'context-length',
        hint: "The messages plus max_tokens do not fit the model's context window: trim the conversation or lower max_tokens.",
      },
      '401': {
        action: 'fail',
        reason: 'auth',
        hint: 'The key was refused: check it, that it belongs to the organisation or project you name, and any IP allow-list on it.',
      },
      // doc: 403 means the country, region or territory is not supported.
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: 'OpenAI does not serve the region this request comes from: call from a supported country.',
      },
      '404': {
        action: 'fail',
        reason: 'not-found',
        hint: 'The model or resource does not exist, or this key cannot see it: check the model name and the project it belongs to.',
      },
      // openai-node retries 409 (a lock timeout on OpenAI's side).
      '409': { action: 'retry', reason: 'conflict' },
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over the requests- or tokens-per-minute limit: send more slowly, or ask for a higher tier.',
      },
      '429:rate_limit_exceeded': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over the requests- or tokens-per-minute limit: send more slowly.',
      },
      // wire: same code, but the message says "Request too large … on tokens per min (TPM)": this
      // request alone needs more tokens than the bucket holds, so no wait can let it through.
      '429:~request too large': {
        action: 'fail',
        reason: 'too-large',
        hint: "This one request needs more tokens than the organisation's per-minute limit allows: shorten the input, lower max_tokens, or use a model or tier with a higher TPM.",
      },
      // wire: daily caps ("on requests per day (RPD)", "(TPD)") share the code too. They are a quota,
      // so the throttle does not slow down for them; the message's "try again in 7m12s" fails fast
      // with retryAt past maxRetryAfterMs, and a short wait is worth one retry.
      '429:~per day (': {
        action: 'retry',
        reason: 'quota',
        maxAttempts: 2,
        hint: "The organisation's daily request or token allowance for this model is used up: wait until the time the error gives, use another model, or move to a higher tier.",
      },
      // doc: slow_down means traffic grew too fast; ramp up gradually instead of bursting.
      // gap: the throttle treats it like any rate limit; core has no way to ask for a slow ramp
      // back up (at most about half again every 15 minutes) after this signal.
      '429:slow_down': {
        action: 'retry',
        reason: 'rate-limit',
        backoff: { baseMs: 2000 },
        hint: 'Traffic grew faster than OpenAI allows: lower the rate, then raise it gradually (at most about half again every 15 minutes).',
      },
      // doc: 503 server_is_overloaded (model capacity): retry with growing waits.
      '503': { action: 'retry', reason: 'overloaded' },
      '503:server_is_overloaded': {
        action: 'retry',
        reason: 'overloaded',
        backoff: { baseMs: 2000 },
        hint: 'The model is at capacity: retried with longer waits; try again later or use another model.',
      },
      '503:slow_down': {
        action: 'retry',
        reason: 'overloaded',
        backoff: { baseMs: 2000 },
        hint: 'Traffic grew faster than OpenAI allows: lower the rate and raise it gradually.',
      },
      // wire: 504 and Cloudflare's 524 (type cf_gateway_timeout) mean no headers for ~100 s.
      '504': {
        action: 'retry',
        reason: 'gateway-timeout',
        maxAttempts: 2,
        hint: 'No answer in time; retried once only, since the generation may still run and be billed. Stream long generations.',
      },
      ...cloudflareRules,
    },
    // src: openai-node obeys `x-should-retry: true|false` before its status table.
    shouldRetryHeader: true,
    // doc: per-minute buckets; resets are Go durations until the bucket is full again.
    rateLimitHeaders: [
      {
        unit: 'requests',
        windowSeconds: 60,
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
