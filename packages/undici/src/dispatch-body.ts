import type { Dispatcher } from 'undici';

type Body = Dispatcher.DispatchOptions['body'];

/**
 * A body of unknown length, or longer than this, is sent once and never buffered: it may be a
 * real stream (an upload, a pipe), and holding it in memory to replay it is the caller's choice.
 */
export const MAX_BUFFERED_BODY_BYTES = 16 * 1024 * 1024;
/** Bodies larger than this are not parsed for the model and token estimate. */
const MAX_SNIFF_BYTES = 256 * 1024;

/** How each attempt gets the request body. */
export interface DispatchBody {
  readonly replayable: boolean;
  /** The JSON body as text, to read the model and estimate tokens. */
  readonly text: string | undefined;
  /** The body for one attempt: the same bytes each time, or the one stream once. */
  next(): Body;
}

/**
 * Strings, bytes and no body are sent as they are on every attempt. Anything else is a stream:
 * fetch hands every body to its dispatcher as an async iterator, even a string, so one whose
 * `content-length` says it is small (fetch sets it for strings, bytes, Blob and FormData, never
 * for a ReadableStream) is read into bytes first and replayed; any other stream is sent once.
 */
export async function dispatchBody(body: Body, contentLength: string | null): Promise<DispatchBody> {
  if (body == null) return { replayable: true, text: undefined, next: () => body };
  if (typeof body === 'string') return { replayable: true, text: sniff(body), next: () => body };
  if (body instanceof Uint8Array) return { replayable: true, text: sniffBytes(body), next: () => body };
  const length = contentLength === null ? Number.NaN : Number(contentLength);
  if (isAsyncIterable(body) && Number.isSafeInteger(length) && length <= MAX_BUFFERED_BODY_BYTES) {
    const bytes = await readAll(body);
    return { replayable: true, text: sniffBytes(bytes), next: () => bytes };
  }
  let sent = false;
  return {
    replayable: false,
    text: undefined,
    next() {
      if (sent) throw new Error('A streamed request body cannot be sent twice.');
      sent = true;
      return body;
    },
  };
}

function isAsyncIterable(body: object): body is AsyncIterable<Uint8Array | string> {
  return Symbol.asyncIterator in body;
}

async function readAll(body: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const encoder = new TextEncoder();
  for await (const chunk of body) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    chunks.push(bytes);
    length += bytes.byteLength;
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all;
}

function sniff(text: string): string | undefined {
  return text.length <= MAX_SNIFF_BYTES && text.startsWith('{') ? text : undefined;
}

function sniffBytes(bytes: Uint8Array): string | undefined {
  return bytes.byteLength <= MAX_SNIFF_BYTES && bytes[0] === 0x7b ? new TextDecoder().decode(bytes) : undefined;
}
