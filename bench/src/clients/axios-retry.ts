import axios from 'axios';
import axiosRetry, { exponentialDelay, isRetryableError } from 'axios-retry';
import { benchHeaders, CHAT_PATH, type ClientFactory } from './types.js';

const AXIOS_RETRIES = 10;

/**
 * axios with axios-retry: exponential delay (which also honours `Retry-After`), retrying
 * network errors, 429 and 5xx whatever the method (`isRetryableError`), as its readme suggests
 * for non-idempotent calls.
 */
export const axiosRetryClient: ClientFactory = (context) => {
  const instance = axios.create({ baseURL: context.baseUrl });
  axiosRetry(instance, { retries: AXIOS_RETRIES, retryDelay: exponentialDelay, retryCondition: isRetryableError });
  return {
    async send(request) {
      try {
        await instance.post(CHAT_PATH, request.body, {
          headers: benchHeaders(context, request),
          signal: request.signal,
        });
        return { ok: true, status: 200 };
      } catch (error) {
        return { ok: false, status: axios.isAxiosError(error) ? (error.response?.status ?? 0) : 0 };
      }
    },
  };
};
