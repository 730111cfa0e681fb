import type { ErrorAnswer, Problem } from './problem.js';

// Anthropic's error types by status (providers.md §4.1); 503 and 529 both mean overload there.
const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** `{"type":"error","error":{"type","message"},"request_id"}` (providers.md §4.2). */
export function anthropicStyle(problem: Problem, requestId: string): ErrorAnswer {
  const status = statusOf(problem);
  const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  return {
    status,
    body: JSON.stringify({ type: 'error', error: { type, message: messageOf(problem) }, request_id: requestId }),
  };
}

function statusOf(problem: Problem): number {
  switch (problem.kind) {
    case 'rate-limit':
      return 429;
    case 'model-not-found':
    case 'no-route':
      return 404;
    default:
      return problem.status;
  }
}

function messageOf(problem: Problem): string {
  switch (problem.kind) {
    case 'rate-limit':
      return `This request would exceed your organization's rate limit on ${problem.unit}.`;
    case 'model-not-found':
      return `model: ${problem.model}`;
    case 'no-route':
      return `Not found: ${problem.method} ${problem.path}`;
    case 'invalid':
      return 'Invalid request.';
    case 'server':
      return problem.status === 503 ? 'Overloaded' : 'Internal server error';
  }
}
