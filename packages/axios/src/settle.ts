import { AbortedError, type CallResult, DeadlineError, type StaunchError } from '@staunch/core';
import { AxiosError, type AxiosResponse, CanceledError, type InternalAxiosRequestConfig } from 'axios';

/** The Staunch error behind each axios error this adapter raised, for the typed-errors edge. */
const staunchErrors = new WeakMap<object, StaunchError>();

/** The Staunch error that ended the call behind an axios error, if Staunch ended it. */
export function staunchErrorOf(error: unknown): StaunchError | undefined {
  return typeof error === 'object' && error !== null ? staunchErrors.get(error) : undefined;
}

/**
 * Turns the engine's result into what an axios adapter returns or throws, exactly as axios's own
 * `settle` would for the final response: the caller's `validateStatus` decides, and a rejected
 * status is an `AxiosError` carrying `response`. Axios then transforms `response.data` as usual.
 */
export function settle(result: CallResult<AxiosResponse>, config: InternalAxiosRequestConfig): AxiosResponse {
  if (result.ok) return checkStatus(result.value, undefined);
  const error = result.error;
  if (result.hasValue && result.value !== undefined) return checkStatus(result.value, error);
  throw remember(transportError(error, config), error);
}

function checkStatus(response: AxiosResponse, cause: StaunchError | undefined): AxiosResponse {
  const { validateStatus } = response.config;
  if (!response.status || !validateStatus || validateStatus(response.status)) return response;
  const code =
    response.status >= 400 && response.status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE;
  const error = new AxiosError(
    `Request failed with status code ${response.status}`,
    code,
    response.config,
    response.request,
    response,
  );
  if (cause !== undefined) error.cause = cause;
  throw cause === undefined ? error : remember(error, cause);
}

/** A call that ended without a response: the error axios itself would have raised. */
function transportError(error: StaunchError, config: InternalAxiosRequestConfig): Error {
  if (error instanceof AbortedError) return new CanceledError(undefined, config);
  if (error instanceof DeadlineError || error.reason === 'timeout') {
    const code = config.transitional?.clarifyTimeoutError ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED;
    const timeout = new AxiosError(error.message, code, config);
    timeout.cause = error;
    return timeout;
  }
  // The transport's own error (ECONNRESET, ERR_NETWORK, …) is what axios catch code knows.
  if (error.reason === 'network' && error.cause instanceof AxiosError) return error.cause;
  return AxiosError.from(error, undefined, config);
}

function remember<E extends object>(axiosError: E, error: StaunchError): E {
  staunchErrors.set(axiosError, error);
  return axiosError;
}
