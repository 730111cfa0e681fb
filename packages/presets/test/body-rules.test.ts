import { expect, test } from 'vitest';
import {
  anthropicError,
  classify,
  geminiError,
  help,
  openaiError,
  quotaFailure,
  retryInfo,
} from './support/error-bodies.js';

// Rules that read more of the body than `error.code`: the provider's message (`~words`), code
// patterns (`*`) and codes inside arrays (Gemini's details). Bodies are shaped as providers send
// them (providers.md §2–13), and each case that a rule catches sits beside a look-alike it must
// not catch, so a rule that matched everything would fail here.

test.each([
  // Anthropic: billing and context overflow are both 400 invalid_request_error.
  [
    'anthropic',
    400,
    anthropicError(
      'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
    ),
    'fail',
    'billing',
  ],
  ['anthropic', 400, anthropicError('prompt is too long: 205351 tokens > 200000 maximum'), 'fail', 'context-length'],
  ['anthropic', 400, anthropicError('max_tokens: Field required'), 'fail', 'invalid-request'],
  // OpenAI: one code, three meanings.
  [
    'openai',
    429,
    openaiError(
      'Request too large for gpt-4o in organization org-xxx on tokens per min (TPM): Limit 30000, Requested 34307. The input or output tokens must be reduced in order to run successfully.',
      'tokens',
      'rate_limit_exceeded',
    ),
    'fail',
    'too-large',
  ],
  [
    'openai',
    429,
    openaiError(
      'Rate limit reached for gpt-4o-mini in organization org-xxx on requests per day (RPD): Limit 10000, Used 10000, Requested 1. Please try again in 7m12s.',
      'requests',
      'rate_limit_exceeded',
    ),
    'retry',
    'quota',
  ],
  [
    'openai',
    429,
    openaiError(
      'Rate limit reached for gpt-4o-mini in organization org-xxx on tokens per min (TPM): Limit 50000, Used 47949, Requested 3006. Please try again in 1.146s.',
      'tokens',
      'rate_limit_exceeded',
    ),
    'retry',
    'rate-limit',
  ],
  [
    'openai',
    400,
    openaiError(
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130012 tokens.",
      'invalid_request_error',
      'context_length_exceeded',
    ),
    'fail',
    'context-length',
  ],
  // Azure: the filter verdict in error.code, or only in the inner code (spelt inner_error here).
  [
    'azure-openai',
    400,
    '{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI\'s content management policy.","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":true,"severity":"high"}}}}}',
    'fail',
    'content-filter',
  ],
  [
    'azure-openai',
    400,
    '{"error":{"code":"content_policy_violation","inner_error":{"code":"ResponsibleAIPolicyViolation","content_filter_results":{"jailbreak":{"detected":false,"filtered":false}}},"message":"Your request was rejected as a result of our safety system.","type":"invalid_request_error"}}',
    'fail',
    'content-filter',
  ],
  [
    'azure-openai',
    400,
    '{"error":{"message":"Unrecognized request argument supplied: foo","type":"invalid_request_error","param":null,"code":null}}',
    'fail',
    'invalid-request',
  ],
  // Gemini: the key, the day and the tier are told apart by details and the message.
  [
    'gemini',
    400,
    '{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}}',
    'fail',
    'auth',
  ],
  [
    'gemini',
    400,
    '{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \\"foo\\": Cannot find field.","status":"INVALID_ARGUMENT"}}',
    'fail',
    'invalid-request',
  ],
  [
    'gemini',
    429,
    geminiError(
      429,
      'You exceeded your current quota. * Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 20, model: gemini-2.5-flash\nPlease retry in 20.223932614s.',
      [help, quotaFailure('GenerateRequestsPerDayPerProjectPerModel-FreeTier'), retryInfo],
    ),
    'fail',
    'quota',
  ],
  [
    'gemini',
    429,
    geminiError(
      429,
      'You exceeded your current quota. * Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10, model: gemini-2.5-flash\nPlease retry in 20.2s.',
      [help, quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'), retryInfo],
    ),
    'retry',
    'rate-limit',
  ],
  [
    'gemini',
    429,
    geminiError(
      429,
      'You exceeded your current quota. * Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0, model: gemini-2.5-flash-image\nPlease retry in 52.1s.',
      [help, quotaFailure('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'), retryInfo],
    ),
    'fail',
    'quota',
  ],
  [
    'gemini',
    429,
    geminiError(
      429,
      'Your prepayment credits are depleted. Please go to AI Studio at https://ai.studio/projects to manage your project and billing.',
    ),
    'fail',
    'billing',
  ],
  // Gemini's OpenAI-compatible endpoint wraps the same body in an array.
  [
    'gemini',
    429,
    `[${geminiError(429, 'Quota exceeded.', [quotaFailure('GenerateContentInputTokensPerModelPerDay-FreeTier')])}]`,
    'fail',
    'quota',
  ],
  // Groq: the daily cap is named only in the message.
  [
    'groq',
    429,
    openaiError(
      'Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_01` service tier `on_demand` on tokens per day (TPD): Limit 100000, Used 99552, Requested 1533. Please try again in 15m37.44s.',
      'tokens',
      'rate_limit_exceeded',
    ),
    'retry',
    'quota',
  ],
  [
    'groq',
    429,
    openaiError(
      'Rate limit reached for model `llama-3.3-70b-versatile` in organization `org_01` service tier `on_demand` on tokens per minute (TPM): Limit 12000, Used 11050, Requested 1733. Please try again in 3.914s.',
      'tokens',
      'rate_limit_exceeded',
    ),
    'retry',
    'rate-limit',
  ],
  // Cohere: `{"message"}` only; the trial key's monthly cap against its per-minute one.
  [
    'cohere',
    429,
    '{"id":"a1b2","message":"You are using a Trial key, which is limited to 1000 API calls / month. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits."}',
    'fail',
    'quota',
  ],
  [
    'cohere',
    429,
    '{"id":"a1b3","message":"You are using a Trial key, which is limited to 10 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits."}',
    'retry',
    'rate-limit',
  ],
  [
    'cohere',
    400,
    '{"message":"too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 4798. Try using a shorter prompt, or enabling prompt truncating."}',
    'fail',
    'context-length',
  ],
  // one-api: no channel is a 503 with no code, only the message.
  [
    'one-api',
    503,
    '{"error":{"message":"当前分组 default 下对于模型 gpt-4o-mimi 无可用渠道 (request id: 20250221123456789)","type":"one_api_error","param":"","code":""}}',
    'fail',
    'model-not-found',
  ],
  [
    'one-api',
    503,
    '{"error":{"message":"upstream busy (request id: 20250221123456790)","type":"one_api_error","param":"","code":""}}',
    'retry',
    'overloaded',
  ],
  // OpenRouter: the free daily cap by limit_source, or by its message alone.
  [
    'openrouter',
    429,
    '{"error":{"code":429,"message":"Rate limit exceeded: free-models-per-day. Add credits to unlock more free model requests per day","metadata":{"headers":{"X-RateLimit-Limit":"50","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1789138080000"}}}}',
    'retry',
    'quota',
  ],
  [
    'openrouter',
    429,
    '{"error":{"code":429,"message":"Provider returned error","metadata":{"error_type":"rate_limit_exceeded","provider_name":"Chutes"}}}',
    'retry',
    'rate-limit',
  ],
] as const)('%s %d %s → %s (%s)', (preset, status, body, action, reason) => {
  const rule = classify(preset, status, body);
  expect(rule.action).toBe(action);
  expect(rule.reason).toBe(reason);
});
