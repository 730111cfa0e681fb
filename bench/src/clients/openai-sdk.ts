import OpenAI from 'openai';
import type { ClientFactory } from './types.js';

const OPENAI_MAX_RETRIES = 10;

/** The official SDK with its own retry raised to 10 (it honours `retry-after-ms` and `Retry-After`). */
export const openaiClient: ClientFactory = (context) => {
  const client = new OpenAI({
    apiKey: context.apiKey,
    baseURL: `${context.baseUrl}/v1`,
    maxRetries: OPENAI_MAX_RETRIES,
  });
  return {
    async send(request) {
      try {
        const body = JSON.parse(request.body) as OpenAI.ChatCompletionCreateParamsNonStreaming;
        await client.chat.completions.create(body, { headers: { 'x-request-id': request.id }, signal: request.signal });
        return { ok: true, status: 200 };
      } catch (error) {
        return {
          ok: false,
          status: error instanceof OpenAI.APIError && typeof error.status === 'number' ? error.status : 0,
        };
      }
    },
  };
};
