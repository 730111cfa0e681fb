import ky from 'ky';
import { statusOfError } from './retryable-status.js';
import { benchHeaders, CHAT_PATH, type ClientFactory } from './types.js';

const KY_RETRY_LIMIT = 10;

/**
 * ky's built-in retry, opened to POST (LLM calls are POSTs) with a higher limit; its default
 * status list and its `Retry-After` handling (`afterStatusCodes` 413, 429, 503) are kept.
 */
export const kyClient: ClientFactory = (context) => {
  const api = ky.create({
    prefixUrl: context.baseUrl,
    retry: { limit: KY_RETRY_LIMIT, methods: ['post'], jitter: true },
  });
  return {
    async send(request) {
      try {
        await api
          .post(CHAT_PATH.slice(1), {
            body: request.body,
            headers: benchHeaders(context, request),
            signal: request.signal,
          })
          .text();
        return { ok: true, status: 200 };
      } catch (error) {
        const response = (error as { response?: { status?: unknown } }).response;
        return { ok: false, status: typeof response?.status === 'number' ? response.status : statusOfError(error) };
      }
    },
  };
};
