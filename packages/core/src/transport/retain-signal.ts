const retained = new WeakMap<object, AbortSignal>();

/**
 * Keeps the caller's `signal` reachable for as long as `response`'s body is, and returns the
 * response. Once a call has returned, fetch follows the caller's signal only through the
 * attempt's `AbortSignal.any`, which holds its sources weakly: an `AbortSignal.timeout()` the
 * caller did not keep could then be collected before it fires, and a body read from a server that
 * stopped sending would never end (Node's `AbortSignal.any` drops such timeout sources: nodejs/node#57736). Native fetch keeps the signal alive by listening on it; the
 * engine never listens on a caller's signal (one signal may serve thousands of calls), so it holds
 * it here instead, weakly keyed by the body.
 */
export function retainSignal(response: Response, signal: AbortSignal | null | undefined): Response {
  if (signal != null && response.body !== null && !signal.aborted) retained.set(response.body, signal);
  return response;
}
