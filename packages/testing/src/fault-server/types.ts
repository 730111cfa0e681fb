/** A transport-level misbehaviour a {@link FaultStep} can inject (reliability.md §9.2, group C). */
export type FaultKind =
  /** Abort the connection with a TCP reset before any response byte (ECONNRESET). */
  | 'reset-before-headers'
  /** Send the status line, headers and half the body, then reset the connection. */
  | 'reset-after-headers'
  /** Declare a `Content-Length` larger than the body sent, then close cleanly. */
  | 'truncate-body'
  /** Never answer, until the client goes away or the server closes. */
  | 'hang'
  /** Close the connection (FIN) without any response: the client's "socket hang up". */
  | 'close-without-response'
  /** Send the headers at once, then the body one small chunk every `delayMs`. */
  | 'slow-body';

/** A server-sent-events answer (reliability.md §9.2, group D; providers.md §14). */
export interface SseStep {
  /** Each entry is sent as `data: <entry>\n\n`. */
  events: string[];
  /** Pause between events. @default 10 */
  intervalMs?: number;
  /**
   * How the stream finishes: `end` sends `data: [DONE]` and closes; `reset` aborts the connection;
   * `error-event` sends an in-band OpenAI error and closes without `[DONE]`, as OpenAI does.
   * @default 'end'
   */
  then?: 'end' | 'reset' | 'error-event';
}

/** One scripted answer. */
export interface FaultStep {
  /** @default 200 */
  status?: number;
  headers?: Record<string, string>;
  /** @default '{"ok":true}' below 400, an OpenAI-style error JSON otherwise */
  body?: string;
  /** Wait before sending headers; for `slow-body`, the pause between chunks. */
  delayMs?: number;
  fault?: FaultKind;
  /** Answer with an SSE stream instead of `body`. */
  sse?: SseStep;
}

/** What the server saw of one request. */
export interface RecordedRequest {
  /** The script id (`x-test-id` header or `/s/<id>/` path); `''` for unscripted requests. */
  id: string;
  /** 1-based arrival number for this id; `steps[attempt - 1]` answered it. */
  attempt: number;
  method: string;
  path: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bodySha256: string;
  bodyBytes: number;
  /** `performance.now()` when the request head arrived. */
  receivedAt: number;
}

export interface FaultServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /**
   * Responses for requests carrying header `x-test-id: <id>`, or path `/s/<id>/...`: the n-th
   * arrival gets `steps[n]`; the last step repeats. Replaces an earlier script and its count.
   */
  script(id: string, steps: FaultStep[]): void;
  /** Requests whose head has arrived for `id`, including ones still being read or answered. */
  arrivals(id: string): number;
  /** Requests whose body has been read, in arrival order; all of them when `id` is omitted. */
  requests(id?: string): RecordedRequest[];
  /** Sockets accepted so far (to check connection reuse/hygiene). */
  readonly connections: number;
  /** Forgets scripts, counts and records. */
  reset(): void;
  /** Stops listening and destroys open sockets and timers; never hangs. */
  close(): Promise<void>;
}
