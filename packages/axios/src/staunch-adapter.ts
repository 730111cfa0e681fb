import {
  type AttemptContext,
  type AttemptOutcome,
  apiKeyOf,
  type CallOptions,
  type Clock,
  type Engine,
  ensureIdempotencyKey,
  headersFromRecord,
  requestFacts,
  type StreamGuardOptions,
  scopeKey,
} from '@staunch/core';
import type { Router } from '@staunch/failover';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { callerSignal } from './caller-signal.js';
import { commitStreamData } from './commit-stream-data.js';
import { dataText, isReplayable, usedStreamBody } from './request-data.js';
import { discardBody, errorBodyPrefix } from './response-body.js';
import { settle } from './settle.js';

const INNER = Symbol.for('staunch.axios.inner-adapter');
type Wrapped = AxiosAdapter & { readonly [INNER]?: AxiosAdapter };

/** The adapter under a Staunch wrapper (a config re-sent by hand must not be wrapped twice). */
export function innerAdapter(adapter: AxiosAdapter): AxiosAdapter {
  return (adapter as Wrapped)[INNER] ?? adapter;
}

/**
 * Wraps axios's transport adapter so the engine drives the attempts. Axios has already run the
 * request interceptors and serialised `data` once; every attempt calls the transport with that
 * same data, and axios transforms only the final response.
 */
export function staunchAdapter(
  engine: Engine,
  transport: AxiosAdapter,
  call: Pick<CallOptions, 'policy' | 'scope'> & { readonly idempotencyKeyHeader: string | false | undefined },
  stream: StreamGuardOptions & { readonly clock?: Clock | undefined },
  router?: Router,
): AxiosAdapter {
  const adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const used = usedStreamBody(config.data);
    if (used !== undefined) throw used;
    // Set once on the call's headers, after every interceptor; each attempt sends this config.
    ensureIdempotencyKey(config.headers, call.idempotencyKeyHeader);
    const caller = callerSignal(config);
    const facts = requestFacts(dataText(config.data));
    const policy = call.policy ?? engine.policy;
    const send =
      (sent: InternalAxiosRequestConfig) =>
      async ({ signal }: AttemptContext): Promise<AttemptOutcome<AxiosResponse>> => {
        let response: AxiosResponse;
        let headers: ReturnType<typeof headersFromRecord>;
        try {
          // `validateStatus: null`: every status reaches the engine as a response, not a rejection.
          response = await transport({ ...sent, signal, validateStatus: null, cancelToken: undefined });
          headers = headersFromRecord(response.headers as Record<string, unknown>);
          // A streamed SSE answer commits at its first byte (commit-stream-data.ts).
          response = await commitStreamData(response, headers, { ...stream, signal: caller.signal });
        } catch (error) {
          // axios's own `timeout` bounds each attempt: the policy's `timeout` rule decides it.
          return { kind: 'network' as const, error, timedOut: isAxiosTimeout(error) };
        }
        return {
          kind: 'response' as const,
          status: response.status,
          headers,
          value: { ...response, config },
          readErrorBody: async () => errorBodyPrefix(response.data),
          discard: () => discardBody(response.data),
        };
      };
    const url = fullUrl(config);
    // With targets, the chain (@staunch/failover) routes a call that matches one.
    const chain = router?.matches(url) ? router : undefined;
    const replayable = isReplayable(config.data);
    const method = (config.method ?? 'get').toUpperCase();
    const result = await (chain
      ? chain.execute(
          { url, headers: fetchHeaders(config), body: dataText(config.data), replayable },
          (at) => send(rebasedConfig(config, at.url, at.headers, at.body)),
          { signal: caller.signal, cost: facts.cost, request: { method, url, model: facts.model } },
        )
      : engine.execute<AxiosResponse>(send(config), {
          signal: caller.signal,
          replayable,
          scope: call.scope ?? scopeKey({ provider: policy.name, apiKey: credential(config), model: facts.model }),
          cost: facts.cost,
          request: { method, url, model: facts.model },
          ...(call.policy === undefined ? {} : { policy: call.policy }),
        })
    ).finally(caller.dispose);
    return settle(result, config);
  };
  return Object.assign(adapter, { [INNER]: transport });
}

/** axios reports its `timeout` as ECONNABORTED, or ETIMEDOUT with `transitional.clarifyTimeoutError`. */
function isAxiosTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT';
}

/** axios joins `baseURL` and a relative `url` itself; the query in `params` is not part of it here. */
function fullUrl(config: InternalAxiosRequestConfig): string {
  const url = config.url ?? '';
  if (config.baseURL === undefined || /^[a-z][a-z\d+.-]*:\/\//i.test(url)) return url;
  return `${config.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

function credential(config: InternalAxiosRequestConfig): string | undefined {
  return apiKeyOf(headersFromRecord(config.headers as unknown as Record<string, unknown>));
}

/** The request's headers as fetch Headers, for the router (axios may hold numbers or lists). */
function fetchHeaders(config: InternalAxiosRequestConfig): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(config.headers.toJSON() as Record<string, unknown>)) {
    if (value === undefined || value === null || value === false) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
  }
  return headers;
}

/** One attempt's config re-based onto a failover target: its URL and headers, and its data unless rewritten. */
function rebasedConfig(
  config: InternalAxiosRequestConfig,
  url: string,
  headers: Headers,
  body: string | undefined,
): InternalAxiosRequestConfig {
  const next = { ...config, url, baseURL: undefined, headers: Object.fromEntries(headers) };
  return (body === undefined ? next : { ...next, data: body }) as unknown as InternalAxiosRequestConfig;
}
