/**
 * A request body prepared for one or more attempts. Replayable bodies produce identical bytes on
 * every attempt; a stream can be sent once only.
 */
export interface PreparedBody {
  readonly replayable: boolean;
  /** The body for one attempt. For a non-replayable body only the first call is valid. */
  next(): RequestInit['body'];
  /** The body as text when it is small and textual (to read the model and estimate tokens). */
  readonly text: string | undefined;
  /** A content type the body needs (FormData's boundary), when the caller did not set one. */
  readonly contentType: string | undefined;
}

const MAX_SNIFF_CHARS = 256 * 1024;

export async function prepareBody(body: RequestInit['body']): Promise<PreparedBody> {
  if (body === null || body === undefined) return fixed(body, undefined);
  if (typeof body === 'string') return fixed(body, body.length <= MAX_SNIFF_CHARS ? body : undefined);
  if (body instanceof URLSearchParams) return fixed(body.toString(), undefined);
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return fixed(body, sniffBytes(body));
  if (typeof Blob !== 'undefined' && body instanceof Blob) return fixed(body, undefined);
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    // Serialise once: a FormData re-sent as is gets a new random boundary on every attempt.
    const encoded = new Request('http://localhost/', { method: 'POST', body });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    return { ...fixed(bytes, undefined), contentType: encoded.headers.get('content-type') ?? undefined };
  }
  return once(body);
}

/** A body rewritten as text (a target's model): replayable, and its own text. */
export function textBody(text: string): PreparedBody {
  return fixed(text, text);
}

function fixed(body: RequestInit['body'], text: string | undefined): PreparedBody {
  return { replayable: true, next: () => body, text, contentType: undefined };
}

function once(body: NonNullable<RequestInit['body']>): PreparedBody {
  let sent = false;
  return {
    replayable: false,
    next() {
      if (sent) throw new Error('A streamed request body cannot be sent twice.');
      sent = true;
      return body;
    },
    text: undefined,
    contentType: undefined,
  };
}

function sniffBytes(body: ArrayBuffer | ArrayBufferView): string | undefined {
  const bytes =
    body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (bytes.byteLength > MAX_SNIFF_CHARS || bytes[0] !== 0x7b) return undefined;
  return new TextDecoder().decode(bytes);
}
