/** Error bodies are read up to this many characters to find the provider's code. */
export const ERROR_BODY_SNIFF_CHARS = 64 * 1024;

/**
 * A bounded prefix of an attempt's raw `response.data` (axios has not transformed it yet):
 * a string or bytes for buffered responses; a stream is left unread for the caller.
 */
export function errorBodyPrefix(data: unknown): string | undefined {
  if (typeof data === 'string') return data.slice(0, ERROR_BODY_SNIFF_CHARS);
  if (data instanceof ArrayBuffer)
    return decode(new Uint8Array(data, 0, Math.min(data.byteLength, ERROR_BODY_SNIFF_CHARS)));
  if (ArrayBuffer.isView(data)) {
    return decode(new Uint8Array(data.buffer, data.byteOffset, Math.min(data.byteLength, ERROR_BODY_SNIFF_CHARS)));
  }
  return undefined;
}

/** Frees a streamed response body nobody will read (`responseType: 'stream'`) before a retry. */
export function discardBody(data: unknown): void {
  if (typeof data !== 'object' || data === null) return;
  const stream = data as { destroy?: () => void; cancel?: () => Promise<void> };
  try {
    if (typeof stream.destroy === 'function') stream.destroy();
    else if (typeof stream.cancel === 'function') stream.cancel().catch(() => {});
  } catch {
    // Already closed.
  }
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}
