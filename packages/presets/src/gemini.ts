import { DEFAULT_ERROR_CODE_PATHS } from '@staunch/core';
import type { Preset } from './preset.js';

// Statuses (google.rpc codes): ai.google.dev/gemini-api/docs/troubleshooting; body shapes
// from captured responses (providers.md §10). Codes are read from `error.status`, from
// ErrorInfo `details[].reason` and from QuotaFailure `details[].violations[].quotaId`. The wait
// Google asks for (RetryInfo.retryDelay, or "Please retry in 20.2s") is read by core as a body
// wait, so a 429 with a long one fails fast with retryAt.
const QUOTA_GONE_HINT =
  "The project's daily quota for this model is used up (it resets at midnight Pacific time): wait for the reset, enable billing for a higher tier, or switch model.";
export const gemini: Preset = {
  name: 'gemini',
  aliases: ['google', 'vertex'],
  title: 'Google Gemini (AI Studio, Vertex AI)',
  hosts: [
    // doc: ai.google.dev/api (Gemini API, also its OpenAI-compatible /v1beta/openai endpoint).
    'generativelanguage.googleapis.com',
    // doc: cloud.google.com/vertex-ai/docs/reference/rest (global and https://<region>-aiplatform.googleapis.com).
    'aiplatform.googleapis.com',
    '*-aiplatform.googleapis.com',
    // doc: developers.cloudflare.com/ai-gateway/providers/google-ai-studio and /vertex.
    'gateway.ai.cloudflare.com/v1/*/*/google-ai-studio',
    'gateway.ai.cloudflare.com/v1/*/*/google-vertex-ai',
  ],
  sources: [
    'https://ai.google.dev/gemini-api/docs/troubleshooting',
    'github.com/googleapis/js-genai src/_api_client.ts (retry statuses)',
  ],
  policy: {
    name: 'gemini',
    rules: {
      '400': {
        action: 'fail',
        reason: 'invalid-request',
        hint: 'The request body is malformed: check it against the API reference.',
      },
      // doc: a bad key is also 400 INVALID_ARGUMENT; only the ErrorInfo reason says it is the key.
      '400:api_key_invalid': {
        action: 'fail',
        reason: 'auth',
        hint: 'The API key is invalid or expired: create or copy a valid key in Google AI Studio (or the Cloud console).',
      },
      // doc: FAILED_PRECONDITION: the free tier is not offered in this region; billing is needed.
      '400:failed_precondition': {
        action: 'fail',
        reason: 'billing',
        hint: 'The free tier is not available where this request comes from: enable billing on the project.',
      },
      // doc: 402 means the prepaid credit balance is used up.
      '402': { action: 'fail', reason: 'billing', hint: 'The prepaid credits are used up: add credit to the project.' },
      '403': {
        action: 'fail',
        reason: 'permission',
        hint: 'The key lacks permission (or the tuned model needs other credentials): check the key and its project.',
      },
      '404': {
        action: 'fail',
        reason: 'not-found',
        hint: 'Check the model name and any file names the request refers to.',
      },
      '429': {
        action: 'retry',
        reason: 'rate-limit',
        hint: 'Over a requests- or tokens-per-minute quota: send more slowly, or raise the tier.',
      },
      // wire: a quotaId such as GenerateRequestsPerDayPerProjectPerModel-FreeTier is a daily cap.
      // Its RetryInfo can still ask for only seconds (as in the captured body), and a retry then
      // repeats the 429 until the daily reset.
      '429:*perday*': { action: 'fail', reason: 'quota', hint: QUOTA_GONE_HINT },
      // wire: "limit: 0" in the quota line means this tier grants the model nothing at all. Limits
      // are written without leading zeros, so these words match a zero limit only.
      '429:~limit: 0': {
        action: 'fail',
        reason: 'quota',
        hint: "This project's tier has no quota for the model (limit 0; image, TTS and Pro models often need billing): enable billing or use another model.",
      },
      // wire: an empty prepaid balance also comes as 429 RESOURCE_EXHAUSTED, named only in the message.
      '429:~prepayment credits are depleted': {
        action: 'fail',
        reason: 'billing',
        hint: 'The prepaid credits are used up: add credit to the project in AI Studio.',
      },
      // doc: 499 CANCELLED; a client still listening did not cancel it.
      '499': { action: 'retry', reason: 'unknown' },
      // doc: INTERNAL, often with a very long context: worth two more tries, not five.
      '500': {
        action: 'retry',
        reason: 'server-error',
        maxAttempts: 3,
        hint: 'Internal error at Google, often caused by a very long input: retried twice; shorten the context or switch model if it persists.',
      },
      '503': {
        action: 'retry',
        reason: 'overloaded',
        hint: 'The model is overloaded or briefly unavailable: retried with backoff; switch model if it persists.',
      },
      // doc: DEADLINE_EXCEEDED: the request needed more time than its deadline.
      '504': {
        action: 'retry',
        reason: 'gateway-timeout',
        hint: 'The request ran past its deadline: retried; give long requests a longer timeout.',
      },
    },
    errorCodePaths: [...DEFAULT_ERROR_CODE_PATHS, 'error.details[].reason', 'error.details[].violations[].quotaId'],
    // doc: Gemini sends no rate-limit headers.
    rateLimitHeaders: [],
  },
};
