import pRetry, { AbortError } from 'p-retry';
import { fetchOnce } from './plain-fetch.js';
import { isRetryableStatus, StatusError, statusOfError } from './retryable-status.js';
import type { ClientFactory } from './types.js';

/**
 * p-retry around fetch as its readme shows: throw on a retryable status, `AbortError` on a
 * client error; its defaults (10 retries, 1 s doubling, no jitter). It reads no server hint.
 */
export const pRetryClient: ClientFactory = (context) => ({
  async send(request) {
    try {
      await pRetry(
        async () => {
          const response = await fetchOnce(context, request);
          if (response.ok) return;
          const error = new StatusError(response);
          throw isRetryableStatus(response.status) ? error : new AbortError(error);
        },
        { signal: request.signal },
      );
      return { ok: true, status: 200 };
    } catch (error) {
      return { ok: false, status: statusOfError(error) };
    }
  },
});
