import { ExponentialBackoff, handleType, retry } from 'cockatiel';
import { fetchOnce } from './plain-fetch.js';
import { isRetryableStatus } from './retryable-status.js';
import type { ClientFactory } from './types.js';

const COCKATIEL_MAX_ATTEMPTS = 10;

/**
 * A cockatiel retry policy as its readme builds one: handle network errors (fetch's
 * `TypeError`) and 429/5xx results, with its `ExponentialBackoff` (decorrelated jitter,
 * 128 ms initial, 30 s cap). It reads no server hint.
 */
export const cockatielClient: ClientFactory = (context) => {
  const policy = retry(
    handleType(TypeError).orWhenResult((result) => result instanceof Response && isRetryableStatus(result.status)),
    { maxAttempts: COCKATIEL_MAX_ATTEMPTS, backoff: new ExponentialBackoff() },
  );
  return {
    async send(request) {
      try {
        const response = await policy.execute(({ signal }) => fetchOnce(context, request, signal), request.signal);
        return { ok: response.ok, status: response.status };
      } catch {
        return { ok: false, status: 0 };
      }
    },
  };
};
