import { attachStaunch } from '@staunch/axios';
import type { PolicyInput } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { kyOptions } from '@staunch/ky';
import axios, { AxiosError } from 'axios';
import ky from 'ky';
import { axiosBody, webBody } from './bodies.js';
import { describeError, describeResponse } from './outcome.js';
import type { AdapterName, BodyKind } from './row.js';

export interface Send {
  readonly url: string;
  readonly policy: PolicyInput;
  readonly body: BodyKind;
  readonly signal: AbortSignal | undefined;
  readonly defaults: boolean;
  /** Fail name resolution without any DNS traffic (a resolver stub). */
  readonly dnsFailure: boolean;
}

const HEADERS = { 'content-type': 'application/json', authorization: 'Bearer sk-catalogue-secret' };
type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function dnsError(): Error {
  return Object.assign(new Error('getaddrinfo ENOTFOUND llm.invalid'), { code: 'ENOTFOUND', hostname: 'llm.invalid' });
}
/** What undici's fetch raises when the lookup fails. */
const failingFetch: FetchFunction = () => Promise.reject(new TypeError('fetch failed', { cause: dnsError() }));

const engineOptions = (send: Send) => ({
  policy: send.policy,
  ...(send.defaults ? {} : { throttle: false as const, retryGate: false as const }),
});
const fetchOptions = (send: Send) => ({ ...engineOptions(send), ...(send.dnsFailure ? { fetch: failingFetch } : {}) });

async function readBody(response: Response): Promise<string> {
  const error = await response.arrayBuffer().then(
    () => undefined,
    (e: unknown) => e ?? 'body-error',
  );
  return describeResponse(response.status, error);
}

/** Sends one request through one adapter in typed-error mode; resolves with the outcome string. */
export async function send(adapter: AdapterName, request: Send): Promise<string> {
  try {
    if (adapter === 'fetch') return await viaFetch(request);
    if (adapter === 'ky') return await viaKy(request);
    return await viaAxios(request);
  } catch (error) {
    return describeError(error instanceof AxiosError && error.cause !== undefined ? error.cause : error);
  }
}

async function viaFetch(request: Send): Promise<string> {
  const staunchFetch = createFetch({ ...fetchOptions(request), throwHttpErrors: true });
  const method = request.body === 'none' ? 'GET' : 'POST';
  if (request.body === 'used-request') {
    const used = new Request(request.url, { method: 'POST', body: 'once', headers: HEADERS });
    await used.text();
    return readBody(await staunchFetch(used, { signal: request.signal ?? null }));
  }
  const body = webBody(request.body);
  const init = { method, headers: HEADERS, signal: request.signal ?? null, body, duplex: 'half' };
  return readBody(await staunchFetch(request.url, init as RequestInit));
}

async function viaKy(request: Send): Promise<string> {
  const api = ky.create({ ...kyOptions({ ...fetchOptions(request), typedErrors: true }), retry: 0 });
  const body = webBody(request.body);
  const response = await api(request.url, {
    method: request.body === 'none' ? 'get' : 'post',
    headers: HEADERS,
    ...(request.signal === undefined ? {} : { signal: request.signal }),
    ...(body === undefined ? {} : { body: body as NonNullable<RequestInit['body']> }),
  });
  return readBody(response);
}

async function viaAxios(request: Send): Promise<string> {
  const instance = axios.create();
  attachStaunch(instance, { ...engineOptions(request), typedErrors: true });
  const data = axiosBody(request.body);
  const response = await instance.request({
    url: request.url,
    method: request.body === 'none' ? 'GET' : 'POST',
    headers: HEADERS,
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
