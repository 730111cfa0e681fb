// G8: with an idempotency-key header configured, every attempt of one call carries the same key,
// each call its own, and a key the caller set is kept; `context.staunch` overrides it per request.
import { type FaultServer, startFaultServer } from '@staunch/testing';
import ky from 'ky';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type StaunchKyOptions, staunchKy } from '../src/index.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const api = (options: StaunchKyOptions = {}) =>
  staunchKy(ky, { policy: { backoff: { baseMs: 1, capMs: 2 } }, throttle: false, retryGate: false, ...options });
const keyed = api({ idempotencyKeyHeader: 'Idempotency-Key' });
const at = (id: string) => `${server.url}/s/${id}/`;
const keysOf = (id: string) => server.requests(id).map((request) => request.headers['idempotency-key']);

test('one key per call, identical on every attempt', async () => {
  for (const id of ['key-a', 'key-b']) {
    server.script(id, [{ status: 503 }, { status: 200 }]);
    expect((await keyed.post(at(id), { json: {} })).status).toBe(200);
  }
  const [a, b] = [keysOf('key-a'), keysOf('key-b')];
  expect(a).toHaveLength(2);
  expect(new Set(a).size).toBe(1);
  expect(a[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(b[0]).not.toBe(a[0]);
});

test("the caller's own key is kept", async () => {
  server.script('own', [{ status: 503 }, { status: 200 }]);
  await keyed.post(at('own'), { json: {}, headers: { 'idempotency-key': 'mine-1' } });
  expect(keysOf('own')).toEqual(['mine-1', 'mine-1']);
});

test('off by default: no key is sent', async () => {
  server.script('off', [{ status: 503 }, { status: 200 }]);
  await api().post(at('off'), { json: {} });
  expect(keysOf('off')).toEqual([undefined, undefined]);
});

test('context.staunch sets the header per request, or false for none', async () => {
  server.script('per-request', [{ status: 503 }, { status: 200 }]);
  server.script('per-request-off', [{ status: 503 }, { status: 200 }]);
  await api().post(at('per-request'), { json: {}, context: { staunch: { idempotencyKeyHeader: 'Idempotency-Key' } } });
  await keyed.post(at('per-request-off'), { json: {}, context: { staunch: { idempotencyKeyHeader: false } } });
  const keys = keysOf('per-request');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(keysOf('per-request-off')).toEqual([undefined, undefined]);
});
