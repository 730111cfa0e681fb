import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, generateText, RetryError } from 'ai';
import { createFallback } from 'ai-fallback';
import type { BenchTarget } from './contenders.js';
import type { Send } from './load.js';

const MODEL = 'gpt-4o-mini';

/** The HTTP status a failed `generateText` ended with: the last attempt's, or 0 with none (network). */
function statusOf(error: unknown): number {
  const last = RetryError.isInstance(error) ? error.lastError : error;
  return APICallError.isInstance(last) ? (last.statusCode ?? 0) : 0;
}

/**
 * ai-fallback as its README shows it: `createFallback({ models })` over one AI SDK model per
 * destination (here per key, for keys), each `createOpenAI({ baseURL, apiKey }).chat(model)` so it
 * calls `/chat/completions` like the other contenders. Every other setting is ai-fallback's default
 * (its own `shouldRetryThisError`, `modelResetInterval` 3 min: it stays on the model that last
 * answered). The README says nothing of `maxRetries`, so `generateText` keeps the AI SDK's default
 * (2 retries, 2 s doubling, honouring `retry-after`), which retries the whole chain once every model
 * failed. No hedging exists, so F4 is measured as is.
 */
export function aiFallbackSender(targets: readonly BenchTarget[]): Send {
  const model = createFallback({
    models: targets.flatMap((target) =>
      (target.keys ?? ['caller-key']).map((apiKey) => createOpenAI({ baseURL: target.baseURL, apiKey }).chat(MODEL)),
    ),
  });
  return async () => {
    try {
      await generateText({ model, messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 8 });
      return 200;
    } catch (error) {
      return statusOf(error);
    }
  };
}
