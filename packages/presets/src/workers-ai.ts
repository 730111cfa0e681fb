import { DEFAULT_ERROR_CODE_PATHS } from '@staunch/core';
import { cloudflareRules } from './cloudflare.js';
import type { Preset } from './preset.js';

// Statuses and internal codes: developers.cloudflare.com/workers-ai/platform/errors (the body is
// Cloudflare's API envelope, `{"success":false,"errors":[{"code":3040,"message":"…"}]}`); the
// daily free allocation resets at 00:00 UTC (developers.cloudflare.com/workers-ai/platform/pricing).
// The AI Gateway's own paths (compat, workers-ai) answer in the same envelope; its per-provider
// paths get that provider's preset (see each preset's hosts).
const NO_MODEL_HINT = 'No such model: check the model name (for example @cf/meta/llama-3.1-8b-instruct).';

export const workersAi: Preset = {
  name: 'cloudflare',
  aliases: ['workers-ai', 'cloudflare-workers-ai', 'cloudflare-ai-gateway'],
  title: 'Cloudflare Workers AI and AI Gateway',
  hosts: [
    // doc: developers.cloudflare.com/workers-ai/get-started/rest-api (/client/v4/accounts/<id>/ai/run/<model>).
    'api.cloudflare.com/client/v4/accounts/*/ai',
    // doc: developers.cloudflare.com/ai-gateway (https://gateway.ai.cloudflare.com/v1/<account>/<gateway>/…).
    'gateway.ai.cloudflare.com',
  ],
  sources: [
    'https://developers.cloudflare.com/workers-ai/platform/errors/',
    'https://developers.cloudflare.com/workers-ai/platform/pricing/',
  ],
  policy: {
    name: 'cloudflare',
    rules: {
      // doc: 5007 no such model or task; 3003 incomplete request; 5004 invalid data.
      '400:5007': { action: 'fail', reason: 'model-not-found', hint: NO_MODEL_HINT },
      // doc: 3042 invalid model ID.
      '404:3042': { action: 'fail', reason: 'model-not-found', hint: NO_MODEL_HINT },
      // doc: 5016 the account has not agreed to the model's terms.
      '403:5016': {
        action: 'fail',
        reason: 'permission',
        hint: "Accept the model's license terms first (Workers AI asks for an agreement prompt once per account).",
      },
      // doc: 3023 account blocked.
      '403:3023': {
        action: 'fail',
        reason: 'permission',
        hint: 'Workers AI is unavailable for this account: contact Cloudflare.',
      },
      // doc: 3006 request too large.
      '413': {
        action: 'fail',
        reason: 'too-large',
        hint: 'The request is too large for Workers AI: shorten the input.',
      },
      // doc: 3036 the daily free allocation of neurons is used up; it resets at 00:00 UTC.
      '429:3036': {
        action: 'fail',
        reason: 'quota',
        hint: 'The account used up its daily free Workers AI allocation (resets at 00:00 UTC): wait for the reset or move to the Workers Paid plan.',
      },
      // doc: 3040 out of capacity, "no more data centers to forward the request to": Cloudflare's
      // side, not the caller's rate, so the throttle is left alone.
      '429:3040': {
        action: 'retry',
        reason: 'overloaded',
        backoff: { baseMs: 2000 },
        hint: 'Workers AI is out of capacity for this model right now: retried with backoff; try another model if it persists.',
      },
      ...cloudflareRules,
    },
    errorCodePaths: [...DEFAULT_ERROR_CODE_PATHS, 'errors[].code'],
    // doc: Workers AI documents per-model request limits but sends no rate-limit headers.
    rateLimitHeaders: [],
  },
};
