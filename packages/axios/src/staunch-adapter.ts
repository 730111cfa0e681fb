import {
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
): AxiosAdapter {
  const adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const used = usedStreamBody(config.data);
    if (used !== undefined) throw used;
    // Set once on the call's headers, after every interceptor; each attempt sends this config.
    ensureIdempotencyKey(config.headers, call.idempotencyKeyHeader);
    const caller = callerSignal(config);
    const facts = requestFacts(dataText(config.data));
    const policy = call.policy ?? engine.policy;
    const result = await engine
      .execute<AxiosResponse>(
        async ({ signal }) => {
          let response: AxiosResponse;
          let headers: ReturnType<typeof headersFromRecord>;
          try {
            // `validateStatus: null`: every status reaches the engine as a response, not a rejection.
            response = await transport({ ...config, signal, validateStatus: null, cancelToken: undefined });
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
        },
        {
          signal: caller.signal,
          replayable: isReplayable(config.data),
          scope: call.scope ?? scopeKey({ provider: policy.name, apiKey: credential(config), model: facts.model }),
          cost: facts.cost,
          request: { method: (config.method ?? 'get').toUpperCase(), url: fullUrl(config), model: facts.model },
          ...(call.policy === undefined ? {} : { policy: call.policy }),
        },
      )
      .finally(caller.dispose);
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
