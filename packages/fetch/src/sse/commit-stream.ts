import { type Clock, StreamError, systemClock } from '@staunch/core';
import { guardSseBody } from './guard-sse-body.js';

export interface CommitStreamOptions {
  /** The caller's signal, so that an abort it causes mid-stream surfaces as is. */
  readonly signal?: AbortSignal | undefined;
  /** No byte for this long after the first fails the stream as `stalled`. @default undefined (no idle limit) */
  readonly idleTimeoutMs?: number | undefined;
  /** @default the system clock */
  readonly clock?: Clock | undefined;
}

/** True for a successful response whose body is a server-sent-event stream. */
export function isEventStream(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return response.ok && response.body !== null && /^\s*text\/event-stream\b/i.test(type);
}

/**
 * The commit point of a streamed answer (reliability.md G9; providers.md §14 rule 4). Runs
 * inside an attempt: the first byte is held until it has arrived, so a stream that dies before
 * it throws here and the engine retries it as a network failure. Once it has arrived the
 * response is committed: its body is guarded and any later failure reaches the reader as a
 * `StreamError` with `partial: true`. Other responses pass through untouched.
 */
export async function commitStream(response: Response, options: CommitStreamOptions = {}): Promise<Response> {
  if (!isEventStream(response) || response.body === null) return response;
  const reader = response.body.getReader();
  let first: Uint8Array | undefined;
  try {
    first = await firstBytes(reader);
  } catch (error) {
    throw new StreamError('The stream broke off before its first byte.', {
      failure: 'interrupted',
      partial: false,
      receivedBytes: 0,
      cause: error,
    });
  }
  if (first === undefined) {
    throw new StreamError('The stream ended before its first byte.', {
      failure: 'truncated',
      partial: false,
      receivedBytes: 0,
    });
  }
  const body = guardSseBody(first, reader, {
    clock: options.clock ?? systemClock,
    idleTimeoutMs: options.idleTimeoutMs,
    signal: options.signal,
  });
  const committed = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A new Response has no URL of its own; SDKs read it for logs and relative links.
  Object.defineProperties(committed, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  });
  return committed;
}

/** Empty chunks tolerated before the first byte; a stream of nothing but them counts as ended. */
const MAX_EMPTY_READS = 1024;

async function firstBytes(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array | undefined> {
  for (let read = 0; read < MAX_EMPTY_READS; read += 1) {
    const { done, value } = await reader.read();
    if (done) return undefined;
    if (value.byteLength > 0) return value;
  }
  reader.cancel().catch(() => {});
  return undefined;
}
