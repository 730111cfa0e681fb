import { createFetch } from '@staunch/fetch';
import { type RawServer, startRawServer } from '@staunch/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';

// §9 security: a hostile 100 MB error body is sniffed up to 64 KiB and cancelled, never
// buffered whole: the server manages to write only what the socket buffers take.
const HUGE = 100 * 1024 * 1024;
let raw: RawServer;
beforeAll(async () => {
  raw = await startRawServer();
});
afterAll(() => raw.close());

test('a 100 MB 503 body is cut after the sniff: far less than 100 MB leaves the server', async () => {
  const head = `HTTP/1.1 503 Service Unavailable\r\ncontent-length: ${HUGE}\r\ncontent-type: application/json\r\n\r\n`;
  raw.script('huge', [{ chunks: [head, '{"error":{"message":"'], fillBytes: HUGE }]);
  const staunchFetch = createFetch({ policy: { maxAttempts: 1 }, throttle: false, retryGate: false });
  const response = await staunchFetch(`${raw.url}/r/huge/`);
  expect(response.status).toBe(503);
  await response.body?.cancel();
  // Socket buffers on loopback hold a few MB at most; 16 MB is a generous ceiling.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(raw.written('huge')).toBeLessThan(16 * 1024 * 1024);
});
