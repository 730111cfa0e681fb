import { cloudflareRules } from './cloudflare.js';
import type { Preset } from './preset.js';

// The 4AllAPI "Common Error Codes" page, read against the one-api and new-api gateway sources
// it is built on (new-api types/error.go, middleware/distributor.go, controller/relay.go).
const MODEL_NOT_FOUND_HINT =
  'No channel serves this model in your group: check the model name for typos and extra or missing spaces against the Supported Models page.';
const QUOTA_HINT =
  "The token's quota is used up or its group is disabled: set the token to unlimited quota (it takes about 2 minutes) or create a new token.";
const BILLED_TIMEOUT = {
  action: 'retry',
  // The gateway itself never retries 504/524: the upstream may still be generating and billing.
  maxAttempts: 2,
  backoff: { baseMs: 2000 },
} as const;

export const fourAllApi: Preset = {
  name: '4allapi',
  aliases: ['one-api', 'new-api', 'oneapi', 'newapi'],
  title: '4AllAPI (one-api / new-api gateways)',
  hosts: [
    // seed: 4AllAPI's error-codes page ("API Base: https://api.4allapi.com"). Self-hosted one-api /
    // new-api gateways live under their owners' names: map them with the `hosts` option.
    'api.4allapi.com',
  ],
  sources: [
    'https://4allapi.com (Common Error Codes)',
    'github.com/QuantumNous/new-api types/error.go, middleware/distributor.go',
    'github.com/songquanpeng/one-api controller/relay.go',
  ],
  policy: {
    name: '4allapi',
    rules: {
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request format is wrong: check the parameters; some models reject fields (o1-series models refuse a system message, so try without it).',
      },
      '401': {
        action: 'fail',
        reason: 'auth',
        hint: 'The gateway refused the token (wrong, expired or used up, or issued by a different gateway than the base URL): check the key; calling another model tells a bad key from a bad model.',
      },
      '402': { action: 'fail', reason: 'billing', hint: 'The upstream account needs payment: check its billing.' },
      // seed: a 403 usually means the token's quota or group; new-api adds its codes below.
      '403': { action: 'fail', reason: 'quota', hint: QUOTA_HINT },
      // src: new-api access_denied = the caller's IP is not on the token's allow-list.
      '403:access_denied': {
        action: 'fail',
        reason: 'permission',
        hint: "This IP address is not on the token's allow-list: add it, or call from an allowed address.",
      },
      '403:insufficient_user_quota': { action: 'fail', reason: 'quota', hint: QUOTA_HINT },
      '403:pre_consume_token_quota_failed': { action: 'fail', reason: 'quota', hint: QUOTA_HINT },
      '404': {
        action: 'fail',
        reason: 'not-found',
        hint: 'No such endpoint: the base URL most likely lacks its /v1 suffix or a closing slash.',
      },
      '413': {
        action: 'fail',
        reason: 'too-large',
        hint: 'The gateway rejects a body this long: cut down the prompt or attachments before sending again.',
      },
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        // The gateway has usually tried its other channels already: start waiting longer.
        backoff: { baseMs: 2000 },
        hint: 'Upstream rate limit (the model hit its traffic limit, or too much concurrency on the account): lower concurrency; if it persists, send the model name to support.',
      },
      '500': {
        action: 'retry',
        reason: 'server-error',
        maxAttempts: 3,
        hint: 'Internal gateway error: if it persists after retries, contact the administrator.',
      },
      // src: like 500, bounded, since the gateway has usually tried other channels already.
      '502': { action: 'retry', reason: 'server-error', maxAttempts: 3 },
      '503': {
        action: 'retry',
        reason: 'overloaded',
        hint: 'The model is unavailable right now: if the model name is right and it persists, send it to support.',
      },
      // src: new-api names the case with code model_not_found; one-api sends no code, only the
      // message "当前分组 <group> 下对于模型 <model> 无可用渠道" ("no channel available").
      '503:model_not_found': { action: 'fail', reason: 'model-not-found', hint: MODEL_NOT_FOUND_HINT },
      '503:~无可用渠道': { action: 'fail', reason: 'model-not-found', hint: MODEL_NOT_FOUND_HINT },
      '504': {
        ...BILLED_TIMEOUT,
        reason: 'gateway-timeout',
        hint: 'The upstream did not answer in time: retried once only, since the request may already be billed; prefer streaming for long generations.',
      },
      ...cloudflareRules,
      '524': {
        ...BILLED_TIMEOUT,
        reason: 'gateway-timeout',
        hint: 'The channel is congested (connection timeout): retried once only, since the request may already be billed; try again later or stream.',
      },
    },
    // src: the gateways send no rate-limit headers of their own (a per-IP 429 has an empty body).
    rateLimitHeaders: [],
  },
};
