import { AdaptiveRetryStrategy } from '@smithy/util-retry';
import { fetchOnce } from './plain-fetch.js';
import type { BenchResult, ClientFactory } from './types.js';

type RetryErrorInfo = Parameters<AdaptiveRetryStrategy['refreshRetryTokenForRetry']>[1];
type RetryErrorType = RetryErrorInfo['errorType'];
/** The SDK hands `refreshRetryTokenForRetry`'s token back to `recordSuccess`; its types name them apart. */
type Token = Parameters<AdaptiveRetryStrategy['recordSuccess']>[0];

const AWS_MAX_ATTEMPTS = 10;
const MS_PER_SECOND = 1000;
// @smithy/core service-error-classification TRANSIENT_ERROR_STATUS_CODES.
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/**
 * The AWS SDK's adaptive retry mode (CUBIC client-side rate limiter plus the standard retry
 * quota), driven the way its retry middleware drives it: acquire a token, attempt, then
 * `recordSuccess` or `refreshRetryTokenForRetry` with the SDK's error classification, then wait
 * the token's delay. Max attempts raised from 3 to 10 like the other peers.
 */
export const awsAdaptiveClient: ClientFactory = (context) => {
  const strategy = new AdaptiveRetryStrategy(async () => AWS_MAX_ATTEMPTS);
  return {
    async send(request) {
      const { signal } = request;
      let token = (await abortable(strategy.acquireInitialRetryToken(''), signal)) as Token;
      for (;;) {
        let info: RetryErrorInfo;
        let last: BenchResult;
        try {
          const response = await fetchOnce(context, request);
          if (response.ok) {
            strategy.recordSuccess(token);
            return { ok: true, status: response.status };
          }
          last = { ok: false, status: response.status };
          info = { errorType: classify(response.status), ...retryAfterHint(response.headers) };
        } catch (error) {
          if (signal.aborted) throw error;
          last = { ok: false, status: 0 };
          info = { errorType: 'TRANSIENT' };
        }
        try {
          token = (await abortable(strategy.refreshRetryTokenForRetry(token, info), signal)) as Token;
        } catch {
          if (signal.aborted) throw signal.reason;
          return last;
        }
        const delay = token.getRetryDelay();
        if (delay > 0) await abortable(new Promise((resolve) => setTimeout(resolve, delay)), signal);
      }
    },
  };
};

// @smithy/core retryMiddleware getRetryErrorType, for HTTP statuses.
function classify(status: number): RetryErrorType {
  if (status === 429) return 'THROTTLING';
  if (TRANSIENT_STATUSES.has(status)) return 'TRANSIENT';
  if (status >= 500 && status <= 599) return 'SERVER_ERROR';
  return 'CLIENT_ERROR';
}

// @smithy/core parseRetryAfterHeader: seconds or an HTTP-date.
function retryAfterHint(headers: Headers): { retryAfterHint?: Date } {
  const value = headers.get('retry-after');
  if (value === null) return {};
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return { retryAfterHint: new Date(Date.now() + seconds * MS_PER_SECOND) };
  const date = Date.parse(value);
  return Number.isNaN(date) ? {} : { retryAfterHint: new Date(date) };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
