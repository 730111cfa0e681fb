import { openAiErrorBody } from './openai-error-body.js';
import { openAiStyle } from './openai-style.js';
import { type ErrorAnswer, type Problem, tryAgainIn } from './problem.js';

/**
 * Together's dialect: OpenAI-shaped, with `dynamic_request_limited` / `dynamic_token_limited`
 * for 429s and "Engine Overloaded" for 503 (providers.md §5.1–5.3).
 */
export function togetherStyle(problem: Problem): ErrorAnswer {
  if (problem.kind === 'rate-limit') {
    const type = problem.unit === 'tokens' ? 'dynamic_token_limited' : 'dynamic_request_limited';
    return {
      status: 429,
      body: openAiErrorBody({
        message: `You have exceeded your dynamic ${problem.unit} rate limit.${tryAgainIn(problem.waitMs)}`,
        type,
        code: type,
      }),
    };
  }
  if (problem.kind === 'server' && problem.status === 503) {
    return {
      status: 503,
      body: openAiErrorBody({
        message: 'Engine Overloaded. Please retry after a brief wait.',
        type: 'server_error',
        code: null,
      }),
    };
  }
  return openAiStyle(problem);
}
