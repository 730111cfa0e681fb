import { type OptionKeys, rejectUnknownOptions, STREAM_GUARD_OPTION_KEYS } from '@staunch/core';
import { FAILOVER_OPTION_KEYS } from '@staunch/failover';
import { STAUNCH_OPTION_KEYS } from '@staunch/presets';
import type { BeforeRequestHook, KyInstance, Options } from 'ky';
import { callerSignals, noteCallerSignal } from './caller-signal.js';
import { createKyFetch, type StaunchKyFetch, type StaunchKyOptions } from './ky-fetch.js';
import { NO_NOTES, type RequestNotes, staunchContext } from './request-notes.js';

/** Every option name, for the strict check: a field added to the options type goes here too. */
const OPTION_KEYS: OptionKeys<StaunchKyOptions> = {
  ...STAUNCH_OPTION_KEYS,
  ...STREAM_GUARD_OPTION_KEYS,
  ...FAILOVER_OPTION_KEYS,
  fetch: true,
  typedErrors: true,
  idempotencyKeyHeader: true,
};

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
  rejectUnknownOptions('kyOptions()', options, OPTION_KEYS);
  // ky's fetch sees only the Request; the caller's `body` and `context` reach hooks alone, so one
  // read-only hook notes, per request, a stream body (never sent twice) and `context.staunch`.
  // A hook that returns a Request ends ky's hook chain, so the request this hook saw is the one
  // ky then fetches.
  const notes = new WeakMap<Request, RequestNotes>();
  const note = (first: unknown, second?: unknown): void => {
    // ky 1 calls `(request, options)`; ky 2 calls `({ request, options, retryCount })`.
    const { request, options: normalized } = (
      first instanceof Request ? { request: first, options: second } : first
    ) as {
      request: Request;
      options: { body?: unknown; context?: Readonly<Record<PropertyKey, unknown>>; signal?: AbortSignal | null };
    };
    notes.set(request, {
      streamed: isStream(normalized.body),
      staunch: staunchContext(normalized.context),
      signals: callerSignals(normalized.signal, normalized.context),
    });
  };
  return {
    fetch: createKyFetch(options, (request) => notes.get(request) ?? NO_NOTES),
    // ky's retries would multiply the engine's attempts.
    retry: 0,
    // ky's timer would wrap the whole Staunch call and cut a server-requested wait short without
    // the engine knowing; use the policy's `attemptTimeoutMs` (per attempt) and `timeoutMs` (whole call).
    timeout: false,
    // `init` runs on ky 2 only (ky 1 ignores an unknown hook), before ky joins the caller's signal.
    hooks: { init: [noteCallerSignal], beforeRequest: [note as BeforeRequestHook] } as NonNullable<Options['hooks']>,
  };
}

/** `ky.extend(kyOptions(options))`: a ky instance whose retries are Staunch's. */
export function staunchKy(instance: KyInstance, options: StaunchKyOptions = {}): KyInstance {
  rejectUnknownOptions('staunchKy()', options, OPTION_KEYS);
  return instance.extend(kyOptions(options));
}

function isStream(body: unknown): boolean {
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return true;
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}
