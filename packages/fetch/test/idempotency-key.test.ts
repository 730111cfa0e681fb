// G8: with an idempotency-key header configured, every attempt of one call carries the same key,
// each call its own, and a key the caller set is kept.
import { type FaultServer, startFaultServer } from '@staunch/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createFetch } from '../src/index.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const fetch = createFetch({
  idempotencyKeyHeader: 'Idempotency-Key',
  policy: { backoff: { baseMs: 1, capMs: 2 } },
  throttle: false,
  retryGate: false,
});
const keysOf = (id: string) => server.requests(id).map((request) => request.headers['idempotency-key']);

test('one key per call, identical on every attempt', async () => {
  for (const id of ['key-a', 'key-b']) {
    server.script(id, [{ status: 503 }, { status: 500 }, { status: 200 }]);
    expect((await fetch(`${server.url}/s/${id}/`, { method: 'POST', body: '{}' })).status).toBe(200);
  }
  const [a, b] = [keysOf('key-a'), keysOf('key-b')];
  expect(a).toHaveLength(3);
  expect(new Set(a).size).toBe(1);
  expect(a[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(b[0]).not.toBe(a[0]);
});

test("the caller's own key is kept", async () => {
  server.script('own', [{ status: 503 }, { status: 200 }]);
  await fetch(`${server.url}/s/own/`, { method: 'POST', body: '{}', headers: { 'idempotency-key': 'mine-1' } });
  expect(keysOf('own')).toEqual(['mine-1', 'mine-1']);
});
