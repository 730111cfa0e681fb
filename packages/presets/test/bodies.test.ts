import { matchRule, readErrorBody } from '@staunch/core';
import { expect, test } from 'vitest';
import { resolvePolicy } from '../src/index.js';

// Error bodies as providers send them (shapes quoted in providers.md §2–13), classified the way
// the engine does: codes read through the preset's errorCodePaths, then the most specific rule.
function classify(preset: string, status: number, body: string) {
  const policy = resolvePolicy(preset);
  const { codes, message } = readErrorBody(body, policy.errorCodePaths);
  return matchRule(policy, { kind: 'status', status, codes, message });
}

test.each([
  [
    'openai',
    429,
    '{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"project_spend_limit_exceeded"}}',
    'fail',
    'quota',
  ],
  [
    'openai',
    429,
    '{"error":{"message":"Rate limit reached","type":"tokens","code":"rate_limit_exceeded"}}',
    'retry',
    'rate-limit',
  ],
  [
    'openai',
    400,
    '{"error":{"message":"maximum context length","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}',
    'fail',
    'context-length',
  ],
  [
    'openai',
    524,
    '{"error":{"code":524,"message":"Gateway timeout.","param":null,"type":"cf_gateway_timeout"}}',
    'retry',
    'gateway-timeout',
  ],
  [
    'anthropic',
    529,
    '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}',
    'retry',
    'overloaded',
  ],
  [
    'azure-openai',
    400,
    '{"error":{"message":"filtered","type":null,"param":"prompt","code":"content_filter","status":400}}',
    'fail',
    'content-filter',
  ],
  [
    'azure-openai',
    404,
    '{"error":{"code":"DeploymentNotFound","message":"no such deployment"}}',
    'fail',
    'model-not-found',
  ],
  [
    'openrouter',
    402,
    '{"error":{"code":402,"message":"busy","metadata":{"error_type":"payment_required","limit_source":"openrouter_in_flight_budget"}}}',
    'retry',
    'rate-limit',
  ],
  [
    'openrouter',
    402,
    '{"error":{"code":402,"message":"no credits","metadata":{"error_type":"payment_required","limit_source":"openrouter_credits"}}}',
    'fail',
    'billing',
  ],
  [
    'groq',
    413,
    '{"error":{"message":"Request too large for model on tokens per minute (TPM)","type":"tokens","code":"rate_limit_exceeded"}}',
    'fail',
    'too-large',
  ],
  [
    'gemini',
    400,
    '{"error":{"code":400,"message":"User location is not supported","status":"FAILED_PRECONDITION"}}',
    'fail',
    'billing',
  ],
  [
    'gemini',
    429,
    '[{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}}]',
    'retry',
    'rate-limit',
  ],
  [
    'mistral',
    400,
    '{"object":"error","message":"Invalid model","type":"invalid_request_error","param":"model","code":"unknown_model"}',
    'fail',
    'model-not-found',
  ],
  [
    '4allapi',
    503,
    '{"error":{"message":"no channel (request id: 1)","type":"new_api_error","param":"","code":"model_not_found"}}',
    'fail',
    'model-not-found',
  ],
  [
    'one-api',
    429,
    '{"error":{"message":"upstream saturated","type":"insufficient_quota","code":"insufficient_user_quota"}}',
    'fail',
    'quota',
  ],
  ['together', 429, '{"error":{"message":"slow down","type":"dynamic_request_limited"}}', 'retry', 'rate-limit'],
] as const)('%s %d %s → %s (%s)', (preset, status, body, action, reason) => {
  const rule = classify(preset, status, body);
  expect(rule.action).toBe(action);
  expect(rule.reason).toBe(reason);
});

test('a non-JSON Cloudflare body falls back to the status rule', () => {
  const rule = classify('anthropic', 413, '<html><title>413 Request Entity Too Large</title></html>');
  expect(rule.reason).toBe('too-large');
  expect(rule.action).toBe('fail');
});
