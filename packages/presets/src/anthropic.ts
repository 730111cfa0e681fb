import type { RateLimitHeaderSpec } from '@staunch/core';
import { cloudflareRules } from './cloudflare.js';
import type { Preset } from './preset.js';

// Statuses and error types: docs.claude.com/en/api/errors; headers: docs.anthropic.com
// api/rate-limits; retry set of @anthropic-ai/sdk 0.120.0 (408, 409, 429, >=500).
const BUCKETS = ['requests', 'tokens', 'input-tokens', 'output-tokens'] as const;

export const anthropic: Preset = {
  name: 'anthropic',
  aliases: ['claude'],
  title: 'Anthropic',
  hosts: [
    // doc: docs.anthropic.com/en/api/overview (https://api.anthropic.com/v1/messages).
    'api.anthropic.com',
    // doc: developers.cloudflare.com/ai-gateway/providers/anthropic.
    'gateway.ai.cloudflare.com/v1/*/*/anthropic',
  ],
  sources: [
    'https://docs.claude.com/en/api/errors',
    'https://docs.anthropic.com/en/api/rate-limits',
    'github.com/anthropics/anthropic-sdk-typescript src/client.ts (shouldRetry)',
  ],
  policy: {
    name: 'anthropic',
    rules: {
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request was rejected: fix the parameter the message names.',
      },
      // wire: an empty balance is a 400 invalid_request_error, not a 402; only the message says so.
      '400:~credit balance is too low': {
        action: 'fail',
        reason: 'billing',
        hint: "The organisation's prepaid credit is used up: buy credits or change the plan in Anthropic's console.",
      },
      // wire: context overflow is also a plain 400 ("prompt is too long: 205351 tokens > 200000 maximum").
      '400:~prompt is too long': {
        action: 'fail',
        reason: 'context-length',
        hint: "The prompt is longer than the model's context window: drop or summarise earlier turns, or send smaller documents.",
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
      // gap: after a few 529s the better move is another model or provider; a rule can only retry
      // or fail, so switching is left to the caller (core would need a `failover` action).
      '529': {
        action: 'retry',
        reason: 'overloaded',
        backoff: { baseMs: 2000 },
        hint: "Anthropic's API is overloaded for everyone (not your rate limit): retried with longer waits; try later or fall back to another model.",
      },
    },
    // src: @anthropic-ai/sdk obeys `x-should-retry: true|false` before its status table (a 429
    // has been seen with it and no Retry-After).
    shouldRetryHeader: true,
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
