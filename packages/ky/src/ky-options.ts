import type { BeforeRequestHook, KyInstance, Options } from 'ky';
import { createKyFetch, type StaunchKyFetch, type StaunchKyOptions } from './ky-fetch.js';

/** ky options with Staunch in charge of retries. `fetch` carries the engine's events. */
export type StaunchKyConfig = Options & { readonly fetch: StaunchKyFetch };

/**
 * Options to spread into `ky.create()` or `.extend()`.
 *
 * Staunch plugs in through ky's `fetch` option rather than its retry hooks: the engine owns the
 * whole loop (throttle → attempt → classify → wait), which ky's hooks would split across calls
 * and leave ky deciding. Inside `fetch`, ky's own features keep working once per call: URL and
 * search params, `json`, `beforeRequest` and `afterResponse` hooks, `HTTPError` for the final response.
 */
export function kyOptions(options: StaunchKyOptions = {}): StaunchKyConfig {
  // ky built the request from the caller's `body`; only hooks see that body, so one read-only
  // hook notes which requests carry a stream that cannot be sent twice.
  const streamed = new WeakSet<Request>();
  const noteStream: BeforeRequestHook = (request, normalized) => {
    if (isStream(normalized.body)) streamed.add(request);
  };
  return {
    fetch: createKyFetch(options, (request) => streamed.has(request)),
    // ky's retries would multiply the engine's attempts.
    retry: 0,
    // ky's timer would wrap the whole Staunch call and cut a server-requested wait short without
    // the engine knowing; use the policy's `attemptTimeoutMs` (per attempt) and `timeoutMs` (whole call).
    timeout: false,
    hooks: { beforeRequest: [noteStream] },
  };
}

/** `ky.extend(kyOptions(options))`: a ky instance whose retries are Staunch's. */
export function staunchKy(instance: KyInstance, options: StaunchKyOptions = {}): KyInstance {
  return instance.extend(kyOptions(options));
}

function isStream(body: unknown): boolean {
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return true;
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}
