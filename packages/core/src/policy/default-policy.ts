import type { PolicyInput } from './types.js';

// Billing and spend limits reported as 429 (OpenAI's documented codes; one-api/new-api gateways
// keep these codes while rewriting the message). Waiting never refills them.
const QUOTA_HINT =
  'The account is out of quota or hit its spend limit: add credit or raise the limit; retrying will not help.';
const GATEWAY_QUOTA_HINT =
  "The gateway token's quota is used up or its group is disabled: raise the token's quota or create a new token.";
const NO_CHANNEL_HINT =
  'The gateway has no channel serving this model: check the model name (typos, extra or missing spaces) against its model list.';
export const QUOTA_CODES: readonly string[] = [
  'insufficient_quota',
  'insufficient_user_quota',
  'credit_balance_exhausted',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'organization_usage_limit_exceeded',
  'billing_hard_limit_reached',
  'enforced_spend_limit_reached',
];

/**
 * The default policy (the design card): retry 408, 429, 500, 502, 503, 504, 524, network errors
 * and attempt timeouts; fail fast on 400, 401, 402, 403, 404, 413 and 422; an unknown 4xx fails
 * and an unknown 5xx retries. 429s whose code means "out of quota" fail fast, and so do network
 * errors that a retry cannot fix (an unknown host, a rejected certificate), and the one-api /
 * new-api gateways' "no channel for this model" and "token quota used up" answers.
 */
export const DEFAULT_POLICY_INPUT: PolicyInput = deepFreeze({
  name: 'default',
  extends: 'none',
  rules: {
    '400': {
      action: 'fail',
      reason: 'invalid-request',
      hint: 'The request is malformed or has an invalid parameter: fix it before sending again.',
    },
    '401': {
      action: 'fail',
      reason: 'auth',
      hint: 'The API key is missing or invalid: check the key and how it is sent.',
    },
    '402': { action: 'fail', reason: 'billing', hint: 'Payment is required: check the account\u2019s billing.' },
    '403': { action: 'fail', reason: 'permission', hint: 'The key may not use this resource: check its permissions.' },
    '404': { action: 'fail', reason: 'not-found', hint: 'Check the base URL, the path and the model name.' },
    '408': { action: 'retry', reason: 'timeout' },
    '413': {
      action: 'fail',
      reason: 'too-large',
      hint: 'The request is too large: shorten the prompt or the payload.',
    },
    '422': {
      action: 'fail',
      reason: 'invalid-request',
      hint: 'The request was understood but rejected: check its parameters.',
    },
    '429': { action: 'retry', reason: 'rate-limit', hint: 'Rate limited: send more slowly or raise the limit.' },
    ...Object.fromEntries(
      QUOTA_CODES.map((code) => [`429:${code}`, { action: 'fail', reason: 'quota', hint: QUOTA_HINT } as const]),
    ),
    // one-api / new-api gateways (self-hosted under any host name) keep OpenAI's body shape:
    // new-api names its refusals by code, one-api only by message (new-api types/error.go,
    // one-api controller/relay.go). A model no channel serves, or a used-up token, never heals.
    '403:insufficient_user_quota': { action: 'fail', reason: 'quota', hint: GATEWAY_QUOTA_HINT },
    '403:pre_consume_token_quota_failed': { action: 'fail', reason: 'quota', hint: GATEWAY_QUOTA_HINT },
    '503:model_not_found': { action: 'fail', reason: 'model-not-found', hint: NO_CHANNEL_HINT },
    // one-api: "当前分组 <group> 下对于模型 <model> 无可用渠道" ("no channel available").
    '503:~无可用渠道': { action: 'fail', reason: 'model-not-found', hint: NO_CHANNEL_HINT },
    '4xx': { action: 'fail', reason: 'client-error' },
    '500': { action: 'retry', reason: 'server-error' },
    '502': { action: 'retry', reason: 'server-error' },
    '503': { action: 'retry', reason: 'overloaded' },
    '504': { action: 'retry', reason: 'gateway-timeout' },
    '524': { action: 'retry', reason: 'gateway-timeout' },
    '5xx': { action: 'retry', reason: 'server-error' },
    network: { action: 'retry', reason: 'network' },
    // A name that does not resolve, or a certificate the client rejects, is configuration: a
    // retry meets the same answer. A temporary resolver failure (EAI_AGAIN) stays retried.
    'network:enotfound': {
      action: 'fail',
      reason: 'network',
      hint: 'The host name does not resolve: check the base URL.',
    },
    'network:*cert*': {
      action: 'fail',
      reason: 'network',
      hint: "The server's TLS certificate was rejected: check the base URL, or the CA bundle of a proxy.",
    },
    'network:unable_to_verify_leaf_signature': {
      action: 'fail',
      reason: 'network',
      hint: "The server's TLS certificate was rejected: check the base URL, or the CA bundle of a proxy.",
    },
    // A redirect loop (more redirects than the client follows) answers the same way next time.
    'network:*too_many_redirects*': {
      action: 'fail',
      reason: 'network',
      hint: 'The server redirects in a loop, or more often than the client follows: check the base URL (a missing or extra trailing slash, http instead of https).',
    },
    timeout: { action: 'retry', reason: 'timeout' },
  },
});

function deepFreeze<T extends PolicyInput>(value: T): T {
  for (const rule of Object.values(value.rules ?? {})) Object.freeze(rule);
  Object.freeze(value.rules);
  return Object.freeze(value);
}
