import type { Dispatcher } from 'undici';

/**
 * undici's request headers come in three shapes: a record (values may be arrays), a flat array
 * `[name, value, name, value…]`, or an iterable of `[name, value]` pairs (what fetch passes).
 * This reads any of them into a `Headers`, for the throttle scope and the body's length.
 */
export function headerList(headers: Dispatcher.DispatchOptions['headers']): Headers {
  const list = new Headers();
  const add = (name: unknown, value: unknown) => {
    if (value === undefined || value === null) return;
    for (const one of Array.isArray(value) ? value : [value]) list.append(String(name), String(one));
  };
  if (headers == null) return list;
  if (Array.isArray(headers) && (headers.length === 0 || !Array.isArray(headers[0]))) {
    for (let i = 0; i + 1 < headers.length; i += 2) add(headers[i], headers[i + 1]);
    return list;
  }
  if (Symbol.iterator in Object(headers)) {
    for (const pair of headers as Iterable<readonly [unknown, unknown]>) add(pair[0], pair[1]);
    return list;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) add(name, value);
  return list;
}

/** A response's headers as undici hands them to a handler: a record, repeated names as arrays. */
export type HeaderRecord = Record<string, string | string[] | undefined>;

/** The same record as a `Headers`, for the engine (Retry-After, rate-limit headers, content type). */
export function responseHeaders(record: HeaderRecord): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(record)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, one);
      } catch {
        // A header value fetch's Headers rejects (control characters) means nothing to the engine.
      }
    }
  }
  return headers;
}
