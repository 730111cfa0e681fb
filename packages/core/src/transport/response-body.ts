// Helpers for adapters whose transport speaks fetch's Response (the fetch and ky adapters).

/** Error bodies are read up to this many bytes to find the provider's code. */
export const ERROR_BODY_SNIFF_BYTES = 64 * 1024;

/**
 * Reads at most `limit` bytes of a clone of `response` and cancels the clone, so the caller's
 * body stays unread and a huge or endless error body is never buffered whole.
 */
export async function readBodyPrefix(response: Response, limit = ERROR_BODY_SNIFF_BYTES): Promise<string | undefined> {
  if (response.body === null || response.bodyUsed) return undefined;
  const reader = response.clone().body?.getReader();
  if (reader === undefined) return undefined;
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value.byteLength + bytes > limit ? value.subarray(0, limit - bytes) : value;
      bytes += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
    }
    return text + decoder.decode();
  } catch {
    return text.length > 0 ? text : undefined;
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** Cancels a response body the caller will never see, freeing its socket before a retry. */
export async function discardBody(response: Response): Promise<void> {
  try {
    if (response.body !== null && !response.body.locked) await response.body.cancel();
  } catch {
    // Already errored or closed: nothing to free.
  }
}
