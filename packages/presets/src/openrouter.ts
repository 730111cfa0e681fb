import { DEFAULT_ERROR_CODE_PATHS } from '@staunch/core';
import { cloudflareRules } from './cloudflare.js';
import type { Preset } from './preset.js';

// Statuses, error_type and limit_source: OpenRouterTeam/docs api_reference/errors-and-debugging.mdx
// and limits.mdx (providers.md §8, §15.6).
const CREDITS_HINT =
  'The account or this key is out of credit or over its spending limit: add credits or raise the key limit.';

const FREE_DAILY_HINT =
  'The daily cap on free models is used up: wait for the reset, add credits, or use the paid variant of the model.';

export const openrouter: Preset = {
  name: 'openrouter',
  aliases: [],
  title: 'OpenRouter',
  hosts: [
    // doc: openrouter.ai/docs/api-reference (https://openrouter.ai/api/v1).
    'openrouter.ai',
    // doc: developers.cloudflare.com/ai-gateway/providers/openrouter.
    'gateway.ai.cloudflare.com/v1/*/*/openrouter',
  ],
  sources: [
    'github.com/OpenRouterTeam/docs api_reference/errors-and-debugging.mdx',
    'github.com/OpenRouterTeam/docs api_reference/limits.mdx',
  ],
  policy: {
    name: 'openrouter',
    rules: {
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request was rejected: fix the parameter the message names.',
      },
      '400:context_length_exceeded': {
        action: 'fail',
        reason: 'context-length',
        hint: "The prompt plus max_tokens exceed the model's context: shorten the prompt or lower max_tokens.",
      },
      '401': { action: 'fail', reason: 'auth', hint: 'The key was refused: check the OpenRouter API key.' },
      '402': { action: 'fail', reason: 'billing', hint: CREDITS_HINT },
      '402:openrouter_credits': { action: 'fail', reason: 'billing', hint: CREDITS_HINT },
      '402:openrouter_key_limit': { action: 'fail', reason: 'quota', hint: CREDITS_HINT },
      // doc: the in-flight budget frees up as running requests finish; it comes with Retry-After.
      '402:openrouter_in_flight_budget': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Too much spend is in flight at once: retried after the wait OpenRouter asks for; lower concurrency to avoid it.',
      },
      // gap: budget 403s carry the budget's `resets_at` time in the body; core's body wait reads
      // only durations in messages and RetryInfo, so this fails without a retryAt (core would need
      // a body rung that reads an instant at a path such as error.metadata.resets_at).
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: 'Blocked by a guardrail, moderation or a workspace or key budget: check the message and the guardrail or budget settings.',
      },
      '404': { action: 'fail', reason: 'not-found', hint: 'Check the model slug and the endpoint path.' },
      '408': { action: 'retry', reason: 'timeout' },
      '412': {
        action: 'fail',
        reason: 'client-error',
        hint: 'A precondition of the request failed: read the message.',
      },
      // wire: the free-tier daily cap. Platform 429s carry X-RateLimit-Reset (epoch ms), usually
      // hours away, so the wait exceeds maxRetryAfterMs and the call fails fast with retryAt; the
      // one retry allowed is for a reset that is close, or a 429 without the header.
      // gap: the same reset is copied into error.metadata.headers["X-RateLimit-Reset"], which core's
      // body wait does not read, so without the header the one retry is spent on backoff.
      '429:openrouter_free_tier_daily': {
        action: 'retry',
        reason: 'quota',
        maxAttempts: 2,
        hint: FREE_DAILY_HINT,
      },
      // wire: the message names the cap too ("… free-models-per-day"), for bodies without limit_source.
      '429:~free-models-per-day': {
        action: 'retry',
        reason: 'quota',
        maxAttempts: 2,
        hint: FREE_DAILY_HINT,
      },
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Rate limited by OpenRouter or the upstream provider: send more slowly, or allow more providers in routing.',
      },
      '500': { action: 'retry', reason: 'server-error' },
      // doc: provider_unavailable (502), provider_overloaded (503), timeout (504).
      '502': {
        action: 'retry',
        reason: 'server-error',
        hint: 'The upstream provider is down or answered badly: retried; allow fallbacks or more providers if it persists.',
      },
      '503': {
        action: 'retry',
        reason: 'overloaded',
        hint: 'No provider matching the routing options could take the request: retried; relax provider routing if it persists.',
      },
      '504': { action: 'retry', reason: 'gateway-timeout' },
      ...cloudflareRules,
    },
    // doc: limit_source says which limit was hit (402, 403, 429); read it before error_type.
    errorCodePaths: ['error.metadata.limit_source', ...DEFAULT_ERROR_CODE_PATHS],
    // doc: only platform 429s carry these (not successful responses); reset is epoch milliseconds.
    rateLimitHeaders: [
      {
        unit: 'requests',
        limit: 'x-ratelimit-limit',
        remaining: 'x-ratelimit-remaining',
        reset: 'x-ratelimit-reset',
        resetFormat: 'epoch-ms',
      },
    ],
  },
};
