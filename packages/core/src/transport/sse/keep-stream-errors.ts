/**
 * Makes `text()`, `json()`, `arrayBuffer()` and `bytes()` of a response whose body Staunch
 * guards read that body through its own reader, so the {@link StreamError} the guard raises
 * reaches the caller. Chromium's body mixins report any error of a script-made body stream as a
 * bare `TypeError: Failed to fetch`, which would hide that a committed stream broke off partway
 * (the spec rejects with the stream's own error, as Node, Deno, Bun and workerd do).
 */
export function keepStreamErrors(response: Response): Response {
  const bytes = async (): Promise<Uint8Array> => {
    if (response.body === null) return new Uint8Array(0);
    // A locked or used body throws here as the mixins do (TypeError).
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let length = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks.push(read.value);
      length += read.value.byteLength;
    }
    const all = new Uint8Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return all;
  };
  const text = async () => new TextDecoder().decode(await bytes());
  Object.defineProperties(response, {
    bytes: { value: bytes, configurable: true },
    arrayBuffer: { value: async () => (await bytes()).buffer, configurable: true },
    text: { value: text, configurable: true },
    json: { value: async () => JSON.parse(await text()) as unknown, configurable: true },
  });
  return response;
}
