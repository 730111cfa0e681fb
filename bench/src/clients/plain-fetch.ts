import { type BenchRequest, benchHeaders, CHAT_PATH, type ClientContext, type ClientFactory } from './types.js';

/** One attempt with the platform fetch, reading the body; the baseline every other client is compared with. */
export async function fetchOnce(
  context: ClientContext,
  request: BenchRequest,
  signal = request.signal,
): Promise<Response> {
  const response = await fetch(`${context.baseUrl}${CHAT_PATH}`, {
    method: 'POST',
    headers: benchHeaders(context, request),
    body: request.body,
    signal,
  });
  await response.arrayBuffer();
  return response;
}

/** Plain fetch, no retry. */
export const plainFetch: ClientFactory = (context) => ({
  async send(request) {
    const response = await fetchOnce(context, request);
    return { ok: response.ok, status: response.status };
  },
});
