// Server-requested waits against a real loopback server: honoured (never shorter than asked),
// and failed at once when they exceed maxRetryAfterMs.
import { isRetryAfterTooLongError } from '@staunch/core';
import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

function gapMs(id: string): number {
  const [first, second] = server.requests(id);
  if (first === undefined || second === undefined) throw new Error(`expected two requests for ${id}`);
  return second.receivedAt - first.receivedAt;
}

test('Retry-After in seconds is waited at least as asked', async () => {
  server.script('seconds', [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }]);
  const response = await createFetch({ throttle: false })(`${server.url}/s/seconds/`);
  expect(response.status).toBe(200);
  expect(gapMs('seconds')).toBeGreaterThanOrEqual(1000);
});

test('Retry-After as an HTTP-date is measured against the server Date header', async () => {
  // Whole seconds on both sides: the difference is exactly 2 s whatever the local clock says.
  const now = Math.floor(Date.now() / 1000) * 1000;
  const date = new Date(now).toUTCString();
  const later = new Date(now + 2000).toUTCString();
  server.script('date', [{ status: 503, headers: { date, 'retry-after': later } }, { status: 200 }]);
  const response = await createFetch({ throttle: false })(`${server.url}/s/date/`);
  expect(response.status).toBe(200);
  expect(gapMs('date')).toBeGreaterThanOrEqual(2000);
});

test('retry-after-ms wins over Retry-After', async () => {
  server.script('ms', [{ status: 503, headers: { 'retry-after-ms': '150', 'retry-after': '30' } }, { status: 200 }]);
  const response = await createFetch({ throttle: false })(`${server.url}/s/ms/`);
  expect(response.status).toBe(200);
  expect(gapMs('ms')).toBeGreaterThanOrEqual(150);
  expect(gapMs('ms')).toBeLessThan(10_000);
});

test('Retry-After: 99999 fails at once with retryAt, after one request', async () => {
  server.script('long', [{ status: 429, headers: { 'retry-after': '99999' } }, { status: 200 }]);
  const before = Date.now();
  const error = await createFetch({ throwHttpErrors: true, throttle: false })(`${server.url}/s/long/`).catch(
    (e: unknown) => e,
  );
  expect(isRetryAfterTooLongError(error)).toBe(true);
  const retryAt = (error as { retryAt: number }).retryAt;
  expect(retryAt).toBeGreaterThanOrEqual(before + 99_999_000);
  expect(retryAt).toBeLessThan(Date.now() + 99_999_000 + 1000);
  expect(server.arrivals('long')).toBe(1);
});

test('in drop-in mode the too-long wait resolves the 429 itself', async () => {
  server.script('long-dropin', [{ status: 429, headers: { 'retry-after': '99999' } }]);
  const response = await createFetch({ throttle: false })(`${server.url}/s/long-dropin/`);
  expect(response.status).toBe(429);
  expect(response.headers.get('retry-after')).toBe('99999');
  expect(server.arrivals('long-dropin')).toBe(1);
});
