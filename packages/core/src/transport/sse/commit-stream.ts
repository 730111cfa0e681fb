import { commitSseBody } from './commit-sse-body.js';
import { isEventStreamType } from './event-stream-type.js';
import { keepStreamErrors } from './keep-stream-errors.js';
import type { CommitStreamOptions } from './stream-options.js';

/** True for a successful response whose body is a server-sent-event stream. */
export function isEventStream(response: Response): boolean {
  return response.ok && response.body !== null && isEventStreamType(response.headers.get('content-type'));
}

/**
 * {@link commitSseBody} for adapters whose transport speaks fetch's `Response` (fetch, ky). Call
 * it inside the attempt: a stream that dies before its first byte rejects, to be retried; the
 * returned response's body is guarded after it. Other responses pass through untouched.
 */
export async function commitStream(response: Response, options: CommitStreamOptions = {}): Promise<Response> {
  if (!isEventStream(response) || response.body === null) return response;
  const committed = new Response(await commitSseBody(response.body, options), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A new Response has no URL of its own; SDKs read it for logs and relative links.
  Object.defineProperties(committed, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  });
  return keepStreamErrors(committed);
}
