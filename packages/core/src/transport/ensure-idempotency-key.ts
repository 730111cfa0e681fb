/** What the key needs of a request's headers: fetch's `Headers` and axios's `AxiosHeaders` both fit. */
export interface KeyedHeaders {
  has(name: string): boolean;
  set(name: string, value: string): unknown;
}

/**
 * Gives a call its idempotency key: sets `header` to a fresh random UUID unless the request
 * already carries it, so a key the caller set is kept. An adapter calls it once per call, before
 * the first attempt, and sends the same headers on every attempt. `undefined` or `false`: no key.
 */
export function ensureIdempotencyKey(headers: KeyedHeaders, header: string | false | undefined): void {
  // crypto.randomUUID is a global in Node 19+ and in browsers (secure contexts).
  if (header !== undefined && header !== false && !headers.has(header)) headers.set(header, crypto.randomUUID());
}
