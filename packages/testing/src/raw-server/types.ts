/**
 * One scripted answer written byte for byte on a raw TCP socket, for the faults an HTTP server
 * library will not produce: slow or malformed heads, duplicated header lines, 1xx-only
 * answers, corrupt gzip, huge bodies, a reset while the client is still sending.
 */
export interface RawStep {
  /** Written in order, `intervalMs` apart. Strings are written as UTF-8. */
  readonly chunks: readonly (string | Uint8Array)[];
  /** Pause before each chunk after the first. @default 0 */
  readonly intervalMs?: number;
  /** Filler bytes (`x`) written after the chunks as the client reads them, never held in memory. @default 0 */
  readonly fillBytes?: number;
  /** After writing: `end` closes (FIN), `reset` aborts (RST), `hang` leaves the socket open. @default 'end' */
  readonly finish?: 'end' | 'reset' | 'hang';
  /**
   * `head`: answer once the request head has arrived. `first-byte`: answer as soon as the
   * request line has arrived, while the client may still be sending its body (EPIPE/ECONNRESET
   * on a large upload). @default 'head'
   */
  readonly answerAfter?: 'head' | 'first-byte';
}

export interface RawServer {
  /** `http://127.0.0.1:PORT`; requests are scripted by path `/r/<id>/…`. */
  readonly url: string;
  /** The n-th request for `id` gets `steps[n]`; the last step repeats. */
  script(id: string, steps: readonly RawStep[]): void;
  /** Requests whose request line has arrived for `id`. */
  arrivals(id: string): number;
  /** Bytes written to clients for `id` so far (to check that a client stopped reading). */
  written(id: string): number;
  /** Sockets accepted so far. */
  readonly connections: number;
  /** Stops listening and destroys open sockets and timers; never hangs. */
  close(): Promise<void>;
}
