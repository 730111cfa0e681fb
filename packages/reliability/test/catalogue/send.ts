import { attachStaunch } from '@staunch/axios';
import type { Engine, PolicyInput, StreamGuardOptions } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { kyOptions } from '@staunch/ky';
import type { StaunchOptions } from '@staunch/presets';
import axios, { AxiosError } from 'axios';
import ky from 'ky';
import { axiosBody, webBody } from './bodies.js';
import { describeError, describeResponse } from './outcome.js';
import type { AdapterName, BodyKind } from './row.js';

type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
type EngineEvents = Pick<Engine, 'onAttempt' | 'onRetry' | 'onGiveUp' | 'onSuccess'>;

export interface Send {
  readonly url: string;
  /** @default a 1–5 ms backoff on the default policy */
  readonly policy?: PolicyInput;
  /** @default 'none' (a GET) */
  readonly body?: BodyKind;
  readonly signal?: AbortSignal | undefined;
  /** Engine defaults (adaptive throttle, outage gate) instead of both off. @default false */
  readonly defaults?: boolean;
  /** Fail name resolution without any DNS traffic (a resolver stub). */
  readonly dnsFailure?: boolean;
  /** Added to (or replacing) the catalogue's headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** More adapter options (clock, random, throttle, idleTimeoutMs…); `fetch` is the transport of fetch and ky. */
  readonly options?: Omit<StaunchOptions, 'policy'> &
    StreamGuardOptions & { readonly fetch?: FetchFunction; readonly idempotencyKeyHeader?: string };
  /** More axios request config (e.g. `httpVersion`, `httpsAgent`). */
  readonly axiosConfig?: Readonly<Record<string, unknown>>;
  /** Called with the adapter's engine events before the request is sent. */
  readonly events?: (events: EngineEvents) => void;
  /** Called with the error the call rejected with, before it is described. */
  readonly caught?: (error: unknown) => void;
  /**
   * User code that sees the outgoing request's headers, in each library's own place: a `fetch`
   * transport wrapper (called per attempt), a ky `beforeRequest` hook, an axios request interceptor.
   */
  readonly requestHook?: (headers: { set(name: string, value: string): void }) => void;
}

const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer sk-catalogue-secret' };
const DEFAULT_POLICY: PolicyInput = { backoff: { baseMs: 1, capMs: 5 } };
const headersOf = (send: Send) => ({ ...HEADERS, ...send.headers });
const methodOf = (send: Send) => ((send.body ?? 'none') === 'none' ? 'GET' : 'POST');

function dnsError(): Error {
  return Object.assign(new Error('getaddrinfo ENOTFOUND llm.invalid'), { code: 'ENOTFOUND', hostname: 'llm.invalid' });
}
/** What undici's fetch raises when the lookup fails. */
const failingFetch: FetchFunction = () => Promise.reject(new TypeError('fetch failed', { cause: dnsError() }));

const engineOptions = (send: Send) => {
  const { fetch: _transport, ...options } = send.options ?? {};
  return {
    policy: send.policy ?? DEFAULT_POLICY,
    ...(send.defaults ? {} : { throttle: false as const, retryGate: false as const }),
    ...options,
  };
};
const fetchOptions = (send: Send) => {
  const transport = send.dnsFailure ? failingFetch : send.options?.fetch;
  return { ...engineOptions(send), ...(transport === undefined ? {} : { fetch: transport }) };
};

/** fetch has no hooks: the user code that sees each attempt is a transport wrapper. */
function hookedTransport(hook: NonNullable<Send['requestHook']>, base: FetchFunction | undefined): FetchFunction {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    hook(headers);
    return (base ?? globalThis.fetch)(input, { ...init, headers });
  };
}

async function readBody(response: Response): Promise<string> {
  const error = await response.arrayBuffer().then(
    () => undefined,
    (e: unknown) => e ?? 'body-error',
  );
  return describeResponse(response.status, error);
}

/** Sends one request through one adapter in typed-error mode; resolves with the outcome string. */
export async function send(adapter: AdapterName, request: Send): Promise<string> {
  // Only the callback outlives the call here: the request (and its signal) stays the caller's
  // to keep alive or not (F37 lets Node collect an unreferenced signal).
  const { caught } = request;
  try {
    if (adapter === 'fetch') return await viaFetch(request);
    if (adapter === 'ky') return await viaKy(request);
    return await viaAxios(request);
  } catch (error) {
    caught?.(error);
    return describeError(error instanceof AxiosError && error.cause !== undefined ? error.cause : error);
  }
}

async function viaFetch(request: Send): Promise<string> {
  const options = fetchOptions(request);
  const hook = request.requestHook;
  const transport = hook === undefined ? {} : { fetch: hookedTransport(hook, options.fetch) };
  const staunchFetch = createFetch({ ...options, ...transport, throwHttpErrors: true });
  request.events?.(staunchFetch);
  if (request.body === 'used-request') {
    const used = new Request(request.url, { method: 'POST', body: 'once', headers: headersOf(request) });
    await used.text();
    return readBody(await staunchFetch(used, { signal: request.signal ?? null }));
  }
  const body = webBody(request.body ?? 'none');
  const init = {
    method: methodOf(request),
    headers: headersOf(request),
    signal: request.signal ?? null,
    body,
    duplex: 'half',
  };
  return readBody(await staunchFetch(request.url, init as RequestInit));
}

async function viaKy(request: Send): Promise<string> {
  const config = kyOptions({ ...fetchOptions(request), typedErrors: true });
  request.events?.(config.fetch);
  const hook = request.requestHook;
  const api = ky
    .create({ ...config, retry: 0 })
    .extend(hook === undefined ? {} : { hooks: { beforeRequest: [(outgoing) => hook(outgoing.headers)] } });
  if (request.body === 'used-request') {
    const used = new Request(request.url, { method: 'POST', body: 'once', headers: headersOf(request) });
    await used.text();
    return readBody(await api(used, request.signal === undefined ? {} : { signal: request.signal }));
  }
  const body = webBody(request.body ?? 'none');
  const response = await api(request.url, {
    method: methodOf(request),
    headers: headersOf(request),
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    ...(body === undefined ? {} : { body: body as NonNullable<RequestInit['body']> }),
  });
  return readBody(response);
}

async function viaAxios(request: Send): Promise<string> {
  const instance = axios.create();
  const detach = attachStaunch(instance, { ...engineOptions(request), typedErrors: true });
  request.events?.(detach);
  const hook = request.requestHook;
  if (hook !== undefined)
    instance.interceptors.request.use((config) => {
      hook(config.headers);
      return config;
    });
  const data = await axiosBody(request.body ?? 'none');
  const response = await instance.request({
    ...request.axiosConfig,
    url: request.url,
    method: methodOf(request),
    headers: headersOf(request),
    responseType: 'arraybuffer',
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    ...(data === undefined ? {} : { data }),
    ...(request.dnsFailure
      ? // Callback form: axios leaves a rejected promise from an async lookup unhandled, and the call hangs.
        {
          lookup: (_host: string, _options: object, callback: (error: Error | null, address: never) => void) =>
            callback(dnsError(), undefined as never),
        }
      : {}),
  });
  return `${response.status}`;
}
