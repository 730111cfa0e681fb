import type { RateLimitHeaderSpec } from '@staunch/core';
import { cloudflareRules } from './cloudflare.js';
import type { Preset } from './preset.js';

// Statuses and error types: docs.claude.com/en/api/errors; headers: docs.anthropic.com
// api/rate-limits; retry set of @anthropic-ai/sdk 0.120.0 (408, 409, 429, >=500).
// gap: the `x-should-retry: true|false` response header (the SDKs obey it first) cannot be
// expressed as a rule; policies match statuses and body codes only.
const BUCKETS = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const;

export const anthropic: Preset = {
  name: 'anthropic',
  aliases: ['claude'],
  title: 'Anthropic',
  sources: [
    'https://docs.claude.com/en/api/errors',
    'https://docs.anthropic.com/en/api/rate-limits',
    'github.com/anthropics/anthropic-sdk-typescript src/client.ts (shouldRetry)',
  ],
  policy: {
    name: 'anthropic',
    rules: {
      // gap: "credit balance is too low" (billing) and "prompt is too long" (context length) both
      // arrive as 400 invalid_request_error; only the message tells them apart, which rules
      // cannot match yet, so the hint names both fixes.
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request was rejected: fix the parameter the message names. If it says the credit balance is too low, add credit; if the prompt is too long, shorten it.',
      },
      '401': {
        action: 'fail',
        reason: 'auth',
        hint: 'The key was refused: check it and that it is sent in the x-api-key header.',
      },
      '402': {
        action: 'fail',
        reason: 'billing',
        hint: "Billing problem on the account: check the payment method in Anthropic's console.",
      },
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: 'This key may not use the resource or model: check its workspace and permissions.',
      },
      '404': {
        action: 'fail',
        reason: 'not-found',
        hint: 'Check the path and the model name (including its date suffix).',
      },
      // The SDK retries 409.
      '409': { action: 'retry', reason: 'conflict' },
      // doc: request_too_large (over 32 MB) is sent by Cloudflare, so the body may not be JSON.
      '413': {
        action: 'fail',
        reason: 'too-large',
        hint: 'The request is over the 32 MB limit: send fewer or smaller images and documents, or use the Files API.',
      },
      // doc: also sent for "acceleration limits" when an organisation's usage jumps sharply.
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over a requests- or tokens-per-minute limit, or usage rose too steeply: send more slowly and ramp up gradually.',
      },
      '500': { action: 'retry', reason: 'server-error' },
      // doc: 504 timeout_error; a long non-streaming request may still be running.
      '504': {
        action: 'retry',
        reason: 'gateway-timeout',
        maxAttempts: 2,
        hint: 'The request timed out at Anthropic; retried once only. Stream long requests so output starts before the timeout.',
      },
      ...cloudflareRules,
      // doc: 529 overloaded_error is load across all users, not this account's limit: back off longer.
      '529': {
        action: 'retry',
        reason: 'overloaded',
        backoff: { baseMs: 2000 },
        hint: "Anthropic's API is overloaded for everyone (not your rate limit): retried with longer waits; try later or fall back to another model.",
      },
    },
    // doc: per-minute buckets; resets are RFC 3339 times when the bucket is full again. Token
    // `remaining` is rounded to the nearest thousand.
    rateLimitHeaders: BUCKETS.map(
      (bucket): RateLimitHeaderSpec => ({
        unit: bucket === 'requests' ? 'requests' : 'tokens',
        windowSeconds: 60,
        limit: `anthropic-ratelimit-${bucket}-limit`,
        remaining: `anthropic-ratelimit-${bucket}-remaining`,
        reset: `anthropic-ratelimit-${bucket}-reset`,
        resetFormat: 'rfc3339',
      }),
    ),
  },
};
