import { openAiErrorBody } from './openai-error-body.js';
import type { ErrorAnswer, Problem } from './problem.js';

const GATEWAY_TYPE = 'new_api_error';

/**
 * A one-api/new-api gateway (providers.md §6–7): OpenAI-shaped, every message suffixed with
 * "(request id: …)", a missing model is 503 `model_not_found`, and upstream failures are
 * normalised to `upstream_error` / `bad_response_status_code` with the status in `param`.
 */
export function gatewayStyle(problem: Problem, requestId: string): ErrorAnswer {
  const body = (message: string, type: string, code: string, param = '') =>
    openAiErrorBody({ message: `${message} (request id: ${requestId})`, type, param, code });
  switch (problem.kind) {
    case 'rate-limit':
      // new-api's per-user limit names its window only in the (Chinese) message and sends no code.
      return { status: 429, body: body('您已达到请求数限制：1分钟内最多请求次数已满', GATEWAY_TYPE, '') };
    case 'invalid':
      return { status: problem.status, body: body('Invalid request', GATEWAY_TYPE, 'invalid_request') };
    case 'model-not-found':
      return {
        status: 503,
        body: body(`当前分组 default 下对于模型 ${problem.model} 无可用渠道`, GATEWAY_TYPE, 'model_not_found'),
      };
    case 'server':
      return {
        status: problem.status,
        body: body(
          `bad response status code ${problem.status}`,
          'upstream_error',
          'bad_response_status_code',
          String(problem.status),
        ),
      };
    case 'no-route':
      return {
        status: 404,
        body: body(`Invalid URL (${problem.method} ${problem.path})`, 'invalid_request_error', ''),
      };
  }
}
