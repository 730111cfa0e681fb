import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isHttpError } from '@staunch/core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

let url = '';
let hits = 0;
const server = createServer((req, res) => {
  hits++;
  if (req.url === '/flaky' && hits % 2 === 1) {
    res.writeHead(503, { 'retry-after-ms': '5' });
    res.end('{"error":{"message":"busy","type":"server_error"}}');
    return;
  }
  if (req.url === '/quota') {
    res.writeHead(429, { 'content-type': 'application/json' });
    res.end(
      '{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}',
    );
    return;
  }
  res.end('ok');
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

test('retries a 503 honouring retry-after-ms', async () => {
  hits = 0;
  const f = createFetch();
  const res = await f(`${url}/flaky`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('ok');
  expect(hits).toBe(2);
});

test('fails fast on a quota 429 with the hint', async () => {
  hits = 0;
  const f = createFetch({ throwHttpErrors: true });
  const error = await f(`${url}/quota`).catch((e: unknown) => e);
  expect(isHttpError(error)).toBe(true);
  expect(hits).toBe(1);
  expect(String((error as Error).message)).toContain('quota');
});
