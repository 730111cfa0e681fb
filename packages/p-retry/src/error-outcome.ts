import { type HeaderLookup, headersFromRecord, type OutcomeKey, type Policy, readErrorBody } from '@staunch/core';

/** A failed attempt as the policy sees it: what happened and the response headers, if any. */
export interface ErrorOutcome {
  readonly key: OutcomeKey;
  readonly headers: HeaderLookup | undefined;
  /** A wait written in the error body (Gemini RetryInfo, "try again in 1.5s"). */
  readonly bodyWaitMs: number | undefined;
}

const BODY_PREFIX_CHARS = 64 * 1024;

/**
 * Reads an error thrown inside a p-retry function the way HTTP clients shape them: `status` with
 * `headers` and `error` (openai / anthropic SDKs), or `response` (ky's `HTTPError` with a fetch
 * Response, axios's `AxiosError` with `{ status, headers, data }`). Anything without a status is
 * a transport failure: `timeout` when named so, `network` otherwise.
 */
export async function errorOutcome(error: unknown, policy: Policy): Promise<ErrorOutcome> {
  const source = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const response = (typeof source.response === 'object' && source.response !== null ? source.response : {}) as Record<
    string,
    unknown
  >;
  const status = numberOr(source.status, numberOr(response.status, numberOr(source.statusCode, undefined)));
  if (status === undefined) {
    const name = typeof source.name === 'string' ? source.name : '';
    return { key: { kind: /timeout/i.test(name) ? 'timeout' : 'network' }, headers: undefined, bodyWaitMs: undefined };
  }
  const headers = lookup(source.headers) ?? lookup(response.headers);
  const text = await bodyText(source, response);
  const body = readErrorBody(text?.slice(0, BODY_PREFIX_CHARS), policy.errorCodePaths);
  return {
    key: { kind: 'status', status, codes: body.codes, message: body.message },
    headers,
    bodyWaitMs: body.waitMs,
  };
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 ? value : fallback;
}

function lookup(value: unknown): HeaderLookup | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (typeof (value as Headers).get === 'function' && typeof Headers !== 'undefined' && value instanceof Headers) {
    return value;
  }
  return headersFromRecord(value as Record<string, unknown>);
}

/** The error body: an SDK's parsed `error`, axios's `data`, or a prefix of a fetch Response's clone. */
async function bodyText(
  source: Record<string, unknown>,
  response: Record<string, unknown>,
): Promise<string | undefined> {
  if (typeof source.error === 'object' && source.error !== null) return JSON.stringify({ error: source.error });
  const data = response.data;
  if (typeof data === 'string') return data;
  if (typeof data === 'object' && data !== null && !ArrayBuffer.isView(data)) return JSON.stringify(data);
  if (typeof Response !== 'undefined' && source.response instanceof Response && !source.response.bodyUsed) {
    try {
      return (await source.response.clone().text()).slice(0, BODY_PREFIX_CHARS);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
