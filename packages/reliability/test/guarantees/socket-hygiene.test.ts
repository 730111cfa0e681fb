// G16: before a retry, the discarded response's body is cancelled, so its socket is freed at
// once. Without that, each retried 1 MiB error body stays half-read on an open socket until
// garbage collection, and open sockets pile up with every retry.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetch } from '@staunch/fetch';
import { afterAll, beforeAll, expect, test } from 'vitest';

const CALLS = 200;
const CONCURRENCY = 8;
const ERROR_BODY = Buffer.alloc(1024 * 1024, 'x');

let server: Server;
let url = '';
let open = 0;
let maxOpen = 0;
const seen = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const id = request.url ?? '';
    const arrival = (seen.get(id) ?? 0) + 1;
    seen.set(id, arrival);
    if (arrival === 1) {
      response.writeHead(503, { 'content-length': ERROR_BODY.length });
      response.end(ERROR_BODY);
    } else {
      response.end('{"ok":true}');
    }
  });
  server.on('connection', (socket) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    socket.on('close', () => {
      open -= 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

test(`${CALLS} calls that each retry a 1 MiB 503 keep open sockets near the concurrency`, async () => {
  const fetch = createFetch({ policy: { backoff: { baseMs: 0, capMs: 1 } }, throttle: false, retryGate: false });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CALLS) {
      const response = await fetch(`${url}/call-${next++}`);
      expect(response.status).toBe(200);
      await response.text();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // A cancelled body frees its socket; a leaked one holds it open while the retry opens another.
  expect(maxOpen).toBeLessThanOrEqual(CONCURRENCY * 3);
});
