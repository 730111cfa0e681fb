/**
 * Whether axios's transformed request data can be sent again as the same bytes. By the time the
 * adapter runs, objects are serialised to strings; buffers and FormData are re-sent as they are
 * (axios keeps the FormData boundary it set on the shared headers). Streams are sent once.
 */
export function isReplayable(data: unknown): boolean {
  if (data === undefined || data === null || typeof data === 'string') return true;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return true;
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) return false;
  if (typeof data !== 'object') return true;
  const candidate = data as { pipe?: unknown; [Symbol.asyncIterator]?: unknown };
  return typeof candidate.pipe !== 'function' && candidate[Symbol.asyncIterator] === undefined;
}

/** The request body as text when it is small JSON, to read the model and estimate tokens. */
export function dataText(data: unknown): string | undefined {
  return typeof data === 'string' && data.length <= 256 * 1024 ? data : undefined;
}

/**
 * A stream body that was read (or destroyed) before the call: sent, it would be an empty body
 * the server reads as a different request. fetch refuses a used body the same way.
 */
export function usedStreamBody(data: unknown): TypeError | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const stream = data as { pipe?: unknown; readableEnded?: unknown; destroyed?: unknown };
  if (typeof stream.pipe !== 'function' || (stream.readableEnded !== true && stream.destroyed !== true))
    return undefined;
  return new TypeError(
    'The request body stream was already read or destroyed before the call, so it would be sent empty. Pass a fresh stream for each call, or a string, Buffer or object, which can also be re-sent.',
  );
}
