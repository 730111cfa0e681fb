import type { PolicyInput } from './types.js';

// Billing and spend limits reported as 429 (OpenAI's documented codes; one-api/new-api gateways
// keep these codes while rewriting the message). Waiting never refills them.
const QUOTA_HINT =
  'The account is out of quota or hit its spend limit: add credit or raise the limit; retrying will not help.';
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
 * errors that a retry cannot fix (an unknown host, a rejected certificate).
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
