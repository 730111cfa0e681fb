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
