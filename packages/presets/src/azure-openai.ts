import { DEFAULT_ERROR_CODE_PATHS } from '@staunch/core';
import type { Preset } from './preset.js';

// Azure OpenAI: OpenAI-shaped bodies; 429 headers and sentinels from Microsoft's Dev Proxy and
// PTU pages and openai-python issues #957/#1046 (providers.md §3, §15.2).
const CONTENT_FILTER_HINT =
  "Azure's content filter blocked the prompt: change the input, or review the deployment's content filter settings.";

export const azureOpenai: Preset = {
  name: 'azure-openai',
  aliases: ['azure'],
  title: 'Azure OpenAI',
  hosts: [
    // doc: learn.microsoft.com/azure/ai-services/openai/reference (https://<resource>.openai.azure.com).
    '*.openai.azure.com',
    // doc: learn.microsoft.com/azure/ai-foundry/openai (newer resources: https://<resource>.cognitiveservices.azure.com).
    '*.cognitiveservices.azure.com',
    // doc: developers.cloudflare.com/ai-gateway/providers/azureopenai.
    'gateway.ai.cloudflare.com/v1/*/*/azure-openai',
  ],
  sources: [
    'learn.microsoft.com: Dev Proxy "Azure OpenAI 429" page; provisioned throughput getting-started (retry-after-ms)',
    'learn.microsoft.com: Azure OpenAI content filtering',
    'github.com/openai/openai-python issues 957, 1046 (retry-after-ms, x-rate-limit-reset-tokens)',
  ],
  policy: {
    name: 'azure-openai',
    rules: {
      // doc: content filtering is a 400 with code content_filter and an inner code
      // ResponsibleAIPolicyViolation; the same input is blocked again, so never retry it.
      '400:content_filter': {
        action: 'fail',
        reason: 'content-filter',
        hint: CONTENT_FILTER_HINT,
      },
      '400:responsibleaipolicyviolation': {
        action: 'fail',
        reason: 'content-filter',
        hint: CONTENT_FILTER_HINT,
      },
      '400:context_length_exceeded': {
        action: 'fail',
        reason: 'context-length',
        hint: "The messages plus max_tokens do not fit the model's context window: trim the conversation or lower max_tokens.",
      },
      '401': {
        action: 'fail',
        reason: 'auth',
        hint: 'The key or token was refused: check the api-key (or Entra ID token) and the resource endpoint it belongs to.',
      },
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: "Access denied: check the role assignment and the resource's network rules (firewall, private endpoint).",
      },
      '404': {
        action: 'fail',
        reason: 'not-found',
        hint: 'Check the endpoint, the api-version and the deployment name in the URL.',
      },
      '404:deploymentnotfound': {
        action: 'fail',
        reason: 'model-not-found',
        hint: 'No deployment with this name on the resource: use the deployment name (not the model name), and wait a few minutes after creating one.',
      },
      '409': { action: 'retry', reason: 'conflict' },
      // doc: RPM is enforced over 1–10 s sub-windows and TPM is charged up front from max_tokens.
      // Waits come as retry-after-ms, x-ms-retry-after-ms, Retry-After or, in the message, "Please
      // retry after N seconds"; core reads all four, and one past maxRetryAfterMs (24 h windows
      // have been seen) fails fast with retryAt.
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: "Over the deployment's tokens- or requests-per-minute quota (max_tokens counts up front): lower max_tokens, spread requests, or raise the deployment's quota.",
      },
      // The default policy already retries 500, 502, 503 and 504 (the §15.2 table).
    },
    // doc: the filter verdict sits in error.innererror.code as well as error.code; wire: newer
    // API versions spell it inner_error, also seen under code content_policy_violation.
    errorCodePaths: [...DEFAULT_ERROR_CODE_PATHS, 'error.innererror.code', 'error.inner_error.code'],
    // wire: reset is integer seconds here, unlike OpenAI's Go durations; -1 counts mean "unknown".
    rateLimitHeaders: [
      {
        unit: 'requests',
        windowSeconds: 60,
        limit: 'x-ratelimit-limit-requests',
        remaining: 'x-ratelimit-remaining-requests',
      },
      {
        unit: 'tokens',
        windowSeconds: 60,
        limit: 'x-ratelimit-limit-tokens',
        remaining: 'x-ratelimit-remaining-tokens',
        reset: 'x-ratelimit-reset-tokens',
        resetFormat: 'delta-seconds',
      },
      // wire: a misspelled `x-rate-limit-reset-tokens` was seen in place of Retry-After. A reset
      // counts as a wait only beside an exhausted `remaining`, hence the shared remaining header.
      {
        unit: 'tokens',
        windowSeconds: 60,
        remaining: 'x-ratelimit-remaining-tokens',
        reset: 'x-rate-limit-reset-tokens',
        resetFormat: 'delta-seconds',
      },
    ],
  },
};
