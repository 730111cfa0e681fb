import { isStaunchError } from '@staunch/core';

/**
 * A call's end as a short string every adapter can be compared on: `200` (body read whole),
 * `200 body-error` or `200 StreamError:truncated` (the body failed while read), or a typed
 * error as `<Name> <status or reason>`, e.g. `HttpError 401`, `RetriesExhausted network`.
 */
export function describeError(error: unknown): string {
  if (!isStaunchError(error)) {
    const name = error instanceof Error ? error.name : typeof error;
    return `native ${name}`;
  }
  // StaunchHttpError → Http, StaunchRetriesExhaustedError → RetriesExhausted.
  const name = error.name.replace(/^Staunch/, '').replace(/Error$/, '');
  if (name === 'Stream') return `Stream:${(error as unknown as { failure: string }).failure}`;
  const detail = error.status ?? error.reason;
  return detail === undefined ? name : `${name} ${detail}`;
}

export function describeResponse(status: number, bodyError: unknown): string {
  return bodyError === undefined
    ? `${status}`
    : `${status} ${isStaunchError(bodyError) ? describeError(bodyError) : 'body-error'}`;
}
