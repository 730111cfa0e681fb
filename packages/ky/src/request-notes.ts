import { ConfigError, type StaunchRequestOptions } from '@staunch/core';

/** What Staunch's `beforeRequest` hook learnt about one request, for the fetch that sends it. */
export interface RequestNotes {
  /** ky built the request from a stream body, which cannot be sent twice. */
  readonly streamed: boolean;
  /** `context.staunch`: settings for this request only, or `false` to send it once without Staunch. */
  readonly staunch: StaunchRequestOptions | false | undefined;
  /** The caller's signal and ky's join of it, kept alive with the response's body (caller-signal.ts). */
  readonly signals: readonly AbortSignal[];
}

export const NO_NOTES: RequestNotes = { streamed: false, staunch: undefined, signals: [] };

/** Reads `context.staunch`, rejecting a value of the wrong kind where the request is made. */
export function staunchContext(context: Readonly<Record<string, unknown>> | undefined): RequestNotes['staunch'] {
  const value = context?.staunch;
  if (value === undefined || value === false) return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      'context.staunch',
      `expected an object such as { policy: 'openai' }, or false, got ${value === null ? 'null' : typeof value}.`,
    );
  }
  return value as StaunchRequestOptions;
}
