/** Request bodies larger than this are not parsed for the model and token estimate. */
const MAX_SNIFF_BYTES = 256 * 1024;

/**
 * How each attempt gets the request ky built. A replayable body is read once into bytes so every
 * attempt sends identical bytes (a FormData boundary included); a stream is sent once.
 */
export interface AttemptRequests {
  readonly replayable: boolean;
  /** The JSON body as text, to read the model and estimate tokens. */
  readonly text: string | undefined;
  /** A fresh Request for one attempt, bound to that attempt's signal. */
  next(signal: AbortSignal): Request;
}

export async function attemptRequests(request: Request, streamed: boolean): Promise<AttemptRequests> {
  if (request.body === null || request.bodyUsed) {
    return { replayable: !request.bodyUsed, text: undefined, next: (signal) => new Request(request, { signal }) };
  }
  if (streamed) {
    let sent = false;
    return {
      replayable: false,
      text: undefined,
      next(signal) {
        if (sent) throw new Error('A streamed request body cannot be sent twice.');
        sent = true;
        return new Request(request, { signal, duplex: 'half' } as RequestInit);
      },
    };
  }
  const bytes = new Uint8Array(await request.arrayBuffer());
  return {
    replayable: true,
    text: bytes.byteLength <= MAX_SNIFF_BYTES && bytes[0] === 0x7b ? new TextDecoder().decode(bytes) : undefined,
    next: (signal) => new Request(request, { body: bytes, signal }),
  };
}

/** An attempt's Request re-based onto a failover target: its URL and headers, and its body unless rewritten. */
export function rebasedRequest(attempt: Request, url: string, headers: Headers, body: string | undefined): Request {
  const init = { method: attempt.method, headers, body: body ?? attempt.body, signal: attempt.signal, duplex: 'half' };
  return new Request(url, init as RequestInit);
}
