import { defaultOpenAiError, openAiErrorBody } from './openai-error-body.js';
import { type ErrorAnswer, type Problem, tryAgainIn } from './problem.js';

/** OpenAI's dialect (providers.md §2.1–2.3): the bucket in `type`, the machine code in `code`. */
export function openAiStyle(problem: Problem): ErrorAnswer {
  switch (problem.kind) {
    case 'rate-limit':
      return {
        status: 429,
        body: openAiErrorBody({
          message:
            problem.waitMs === undefined
              ? `Request too large on ${problem.unit}: it exceeds the limit even when the bucket is full.`
              : `Rate limit reached on ${problem.unit}.${tryAgainIn(problem.waitMs)}`,
          type: problem.unit,
          code: 'rate_limit_exceeded',
        }),
      };
    case 'invalid':
      return {
        status: problem.status,
        body: openAiErrorBody({ message: 'Invalid request.', type: 'invalid_request_error', code: 'invalid_request' }),
      };
    case 'model-not-found':
      return {
        status: 404,
        body: openAiErrorBody({
          message: `The model \`${problem.model}\` does not exist or you do not have access to it.`,
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        }),
      };
    case 'server':
      return { status: problem.status, body: defaultOpenAiError(problem.status) };
    case 'no-route':
      return {
        status: 404,
        body: openAiErrorBody({
          message: `Invalid URL (${problem.method} ${problem.path})`,
          type: 'invalid_request_error',
          code: null,
        }),
      };
  }
}
