import { attachStaunch } from '@staunch/axios';
import type { Engine, PolicyInput } from '@staunch/core';
import { createFetch } from '@staunch/fetch';
import { kyOptions } from '@staunch/ky';
import type { StaunchOptions } from '@staunch/presets';
import axios, { type AxiosAdapter, AxiosError, getAdapter } from 'axios';
import ky from 'ky';
import { describeError, describeResponse } from './outcome.js';
import type { AdapterName } from './row.js';

type EngineEvents = Pick<Engine, 'onAttempt' | 'onRetry' | 'onGiveUp' | 'onSuccess'>;

/** One GET through a client that is built once and reused (send.ts builds one per call). */
export interface LoadClient {
  /** Resolves with the call's outcome string (outcome.ts); never rejects. */
  get(url: string, init?: LoadInit): Promise<string>;
  readonly events: EngineEvents;
}

export interface LoadInit {
  readonly headers?: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
}

export interface LoadClientOptions extends Omit<StaunchOptions, 'policy'> {
  /** @default a 1–5 ms backoff on the default policy, as in send.ts */
  readonly policy?: PolicyInput;
  /**
   * Answers an attempt inside the process with this status and `{"ok":true}`, or `undefined` to
   * send it on the network as usual: for rows about the engine's own bookkeeping at a scale where
   * loopback HTTP (about 1 ms a call here, server included) would be slow.
   * @default every attempt goes on the network
   */
  readonly inProcess?: InProcess;
}

/** The status to answer `url` with in the process, or `undefined` for the network. */
export type InProcess = (url: string) => number | undefined;

const HEADERS = { 'content-type': 'application/json' };
const DEFAULT_POLICY: PolicyInput = { backoff: { baseMs: 1, capMs: 5 } };
const OK_BODY = '{"ok":true}';

/** A client of `adapter` in typed-error mode, one for all the calls of a case. */
export function loadClient(adapter: AdapterName, options: LoadClientOptions): LoadClient {
  const { inProcess, policy = DEFAULT_POLICY, ...engine } = options;
  const base = { ...engine, policy };
  if (adapter === 'fetch') return fetchClient(base, inProcess);
  if (adapter === 'ky') return kyClient(base, inProcess);
  return axiosClient(base, inProcess);
}

type FetchFunction = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function inProcessFetch(inProcess: InProcess | undefined): { fetch?: FetchFunction } {
  if (inProcess === undefined) return {};
  return {
    fetch: (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      const status = inProcess(url);
      if (status === undefined) return globalThis.fetch(input, init);
      return Promise.resolve(new Response(OK_BODY, { status, headers: HEADERS }));
    },
  };
}

async function readBody(response: Response): Promise<string> {
  const error = await response.arrayBuffer().then(
    () => undefined,
    (e: unknown) => e ?? 'body-error',
  );
  return describeResponse(response.status, error);
}

function fetchClient(options: StaunchOptions, inProcess: InProcess | undefined): LoadClient {
  const staunchFetch = createFetch({ ...options, throwHttpErrors: true, ...inProcessFetch(inProcess) });
  return {
    events: staunchFetch,
    get: (url, init = {}) =>
      staunchFetch(url, { headers: { ...HEADERS, ...init.headers }, signal: init.signal ?? null }).then(
        readBody,
        describeError,
      ),
  };
}

function kyClient(options: StaunchOptions, inProcess: InProcess | undefined): LoadClient {
  const config = kyOptions({ ...options, typedErrors: true, ...inProcessFetch(inProcess) });
  const api = ky.create({ ...config, retry: 0 });
  return {
    events: config.fetch,
    get: (url, init = {}) =>
      api(url, {
        headers: { ...HEADERS, ...init.headers },
        ...(init.signal === undefined ? {} : { signal: init.signal }),
      }).then(readBody, describeError),
  };
}

/** axios's own transport, for what `inProcess` leaves to the network. */
const networkAdapter = getAdapter('http');

function axiosClient(options: StaunchOptions, inProcess: InProcess | undefined): LoadClient {
  const adapter: AxiosAdapter | undefined =
    inProcess === undefined
      ? undefined
      : (config) => {
          const status = inProcess(config.url ?? '');
          if (status === undefined) return networkAdapter(config);
          const data = Buffer.from(OK_BODY);
          return Promise.resolve({ data, status, statusText: '', headers: HEADERS, config });
        };
  const instance = axios.create(adapter === undefined ? {} : { adapter });
  const events = attachStaunch(instance, { ...options, typedErrors: true });
  return {
    events,
    get: (url, init = {}) =>
      instance
        .request({
          url,
          method: 'GET',
          headers: { ...HEADERS, ...init.headers },
          responseType: 'arraybuffer',
          ...(init.signal === undefined ? {} : { signal: init.signal }),
        })
        .then(
          (response) => `${response.status}`,
          (error: unknown) =>
            describeError(error instanceof AxiosError && error.cause !== undefined ? error.cause : error),
        ),
  };
}
