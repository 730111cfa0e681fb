import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Arrival, Step } from '../suite/steps.js';

/** A scripted loopback server that any origin may call (the browser case needs CORS). */
export interface CorsServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

/** Loopback only: test servers must never be reachable from another host. */
const HOST = '127.0.0.1';
/** Lets the client read what was written before the reset, so "after the first event" holds. */
const RESET_SETTLE_MS = 25;
const SSE_INTERVAL_MS = 5;

// `*` works for calls without credentials, which is all the suite makes; the exposed headers let
// the browser's engine read Retry-After and the rate-limit headers.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': '*',
  'access-control-allow-headers': '*',
  'access-control-expose-headers': '*',
  'access-control-max-age': '600',
};

/**
 * Routes: `POST /__script/<id>` (a JSON array of steps: the n-th arrival at `/s/<id>/…` gets
 * `steps[n]`, the last repeating), `GET /__records/<id>` (the arrivals so far), `/s/<id>/…`.
 * Preflights are answered and never counted.
 */
export async function startCorsServer(): Promise<CorsServer> {
  const scripts = new Map<string, readonly Step[]>();
  const records = new Map<string, Arrival[]>();
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const started = performance.now();
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now() - started;
    const [, route = '', id = ''] = (req.url ?? '/').split('/');
    if (req.method === 'OPTIONS') return void res.writeHead(204, CORS).end();
    const body = await readAll(req);
    if (route === '__script') {
      scripts.set(id, JSON.parse(body.toString('utf8')) as Step[]);
      records.set(id, []);
      return void res.writeHead(204, CORS).end();
    }
    if (route === '__records') return json(res, 200, records.get(id) ?? []);
    if (route !== 's') return json(res, 404, { error: { message: `no route ${req.url}` } });
    const seen = records.get(id) ?? [];
    records.set(id, seen);
    seen.push({ method: req.method ?? 'GET', bodyBytes: body.length, bodyDigest: digest(body), at });
    const steps = scripts.get(id) ?? [{ status: 200 }];
    const step = steps[Math.min(seen.length, steps.length) - 1] ?? { status: 200 };
    await answer(step, res);
  }

  async function answer(step: Step, res: ServerResponse): Promise<void> {
    const socket = res.socket;
    if (socket === null) return;
    if ('fault' in step) {
      if (step.fault === 'reset') socket.resetAndDestroy();
      return;
    }
    if ('sse' in step) {
      res.writeHead(200, { ...CORS, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.flushHeaders();
      for (const event of step.sse) {
        await wait(SSE_INTERVAL_MS);
        res.write(`data: ${event}\n\n`);
      }
      if (step.end === 'done') return void res.end('data: [DONE]\n\n');
      await wait(RESET_SETTLE_MS);
      socket.resetAndDestroy();
      return;
    }
    const body = step.body ?? (step.status < 400 ? '{"ok":true}' : `{"error":{"message":"status ${step.status}"}}`);
    res.writeHead(step.status, { ...CORS, 'content-type': 'application/json', ...step.headers });
    res.end(body);
  }

  const server = createServer((req, res) => {
    // A failure here is the test server's own bug: drop the socket, never crash the runner.
    handle(req, res).catch(() => res.socket?.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { ...CORS, 'content-type': 'application/json' }).end(JSON.stringify(value));
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    // A client that went away mid-body still leaves a record of what arrived.
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

function digest(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 16);
}
