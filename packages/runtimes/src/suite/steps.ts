/**
 * What the loopback server does with one arrival. The suite posts these as plain JSON, so the
 * same table drives every runtime, the browser included.
 */
export type Step =
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  /** A TCP reset before any response byte. */
  | { readonly fault: 'reset' }
  /** Never answer until the client goes away. */
  | { readonly fault: 'hang' }
  /**
   * An SSE answer: each event as `data: <event>`; then `done` sends `data: [DONE]` and closes,
   * `reset` aborts the connection once the events are read (with no event: after the headers).
   */
  | { readonly sse: readonly string[]; readonly end: 'done' | 'reset' };

/** What the server saw of one request, as `GET /__records/<id>` answers. */
export interface Arrival {
  readonly method: string;
  readonly bodyBytes: number;
  /** A short digest of the body, to tell whether two attempts sent the same bytes. */
  readonly bodyDigest: string;
  /** Milliseconds since the server started, when the request head arrived. */
  readonly at: number;
}
