/** An HTTP/2 error code an `rst-stream` step sends (RFC 9113 §7). */
export type H2ErrorCode = 'REFUSED_STREAM' | 'INTERNAL_ERROR';

/** One scripted answer of the HTTP/2 fault server (reliability.md §9.2 C26). */
export interface H2Step {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string>;
  /** @default '{"ok":true}' */
  body?: string;
  /**
   * `goaway`: a GOAWAY whose last stream id is below this request's, then the session closes, so
   * the request was never processed (RFC 9113 §6.8). On a session's first stream Node cannot say
   * "none processed", so the GOAWAY names this stream and an RST_STREAM REFUSED_STREAM follows.
   * `rst-stream`: the stream is reset with {@link H2Step.code}. Neither reads the request body.
   */
  fault?: 'goaway' | 'rst-stream';
  /** The RST_STREAM error code of an `rst-stream` step. @default 'REFUSED_STREAM' */
  code?: H2ErrorCode;
}

/** What the server saw of one request stream. */
export interface H2Request {
  /** The script id (`x-test-id` header or `/s/<id>/` path); `''` for unscripted requests. */
  id: string;
  /** 1-based arrival number for this id; `steps[attempt - 1]` answered it. */
  attempt: number;
  method: string;
  path: string;
  /** The HTTP/2 stream id: 1 for a session's first request, then 3, 5, … */
  stream: number;
  /** The protocol TLS negotiated (ALPN): always `'h2'`, since the server speaks nothing else. */
  alpnProtocol: string;
  /** The session's 1-based number on this server: two requests with one number shared a connection. */
  session: number;
}

export interface H2FaultServer {
  /** `https://127.0.0.1:PORT` */
  readonly url: string;
  /** The server's self-signed certificate (PEM): pass it to clients as their `ca`. */
  readonly ca: string;
  /**
   * Answers for requests carrying header `x-test-id: <id>`, or path `/s/<id>/...`: the n-th
   * arrival gets `steps[n]`; the last step repeats. Replaces an earlier script and its count.
   */
  script(id: string, steps: H2Step[]): void;
  /** Request streams that arrived for `id`, answered or not. */
  arrivals(id: string): number;
  /** Request streams in arrival order; all of them when `id` is omitted. */
  requests(id?: string): H2Request[];
  /** HTTP/2 sessions (TLS connections that negotiated h2) opened so far. */
  readonly sessions: number;
  /** Stops listening and destroys every session and socket; never hangs. Idempotent. */
  close(): Promise<void>;
}
