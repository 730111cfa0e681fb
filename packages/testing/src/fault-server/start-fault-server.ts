import type { IncomingMessage, ServerResponse } from 'node:http';
import { flatHeaders } from '../loopback/flat-headers.js';
import { startLoopbackServer } from '../loopback/loopback-server.js';
import { readBody } from '../loopback/read-body.js';
import { TimerSet } from '../loopback/timer-set.js';
import { ScriptBook } from './script-book.js';
import { scriptId } from './script-id.js';
import { sendStep } from './send-step.js';
import type { FaultServer } from './types.js';

export interface FaultServerOptions {
  /** @default 0 (a free port) */
  port?: number;
}

/**
 * A real HTTP server on 127.0.0.1 that answers each request as a script says: statuses,
 * headers, delays, resets, truncations, hangs and SSE streams (reliability.md §9.2, C and D).
 */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const book = new ScriptBook();
  const timers = new TimerSet();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = performance.now();
    const id = scriptId(req);
    const { attempt, step } = book.arrive(id);
    const body = await readBody(req);
    book.record({
      id,
      attempt,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: flatHeaders(req.headers),
      bodySha256: body.sha256,
      bodyBytes: body.bytes,
      receivedAt,
    });
    if (!body.complete) return;
    await sendStep(step, res, timers);
  }

  const loopback = await startLoopbackServer((req, res) => {
    // A failure here is the test server's own bug; surface it by dropping the socket, never crash.
    handle(req, res).catch(() => res.socket?.destroy());
  }, options.port);

  return {
    url: loopback.url,
    script: (id, steps) => book.script(id, steps),
    arrivals: (id) => book.arrivals(id),
    requests: (id) => book.requests(id),
    get connections() {
      return loopback.connections;
    },
    reset: () => book.reset(),
    close: () => {
      timers.clear();
      return loopback.close();
    },
  };
}
