// G8: with an idempotency-key header configured, every attempt of one call carries the same key,
// each call its own, and a key the caller set is kept; `config.staunch` overrides it per request.
import { type FaultServer, startFaultServer } from '@staunch/testing';
import axios from 'axios';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { attachStaunch, type StaunchAxiosOptions } from '../src/index.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

function client(options: StaunchAxiosOptions = {}) {
  const instance = axios.create();
  attachStaunch(instance, {
    policy: { backoff: { baseMs: 1, capMs: 2 } },
    throttle: false,
    retryGate: false,
    ...options,
  });
  return instance;
}
const keyed = client({ idempotencyKeyHeader: 'Idempotency-Key' });
const at = (id: string) => `${server.url}/s/${id}/`;
const keysOf = (id: string) => server.requests(id).map((request) => request.headers['idempotency-key']);

test('one key per call, identical on every attempt', async () => {
  for (const id of ['key-a', 'key-b']) {
    server.script(id, [{ status: 503 }, { status: 200 }]);
    expect((await keyed.post(at(id), {})).status).toBe(200);
  }
  const [a, b] = [keysOf('key-a'), keysOf('key-b')];
  expect(a).toHaveLength(2);
  expect(new Set(a).size).toBe(1);
  expect(a[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(b[0]).not.toBe(a[0]);
});

test("the caller's own key is kept", async () => {
  server.script('own', [{ status: 503 }, { status: 200 }]);
  await keyed.post(at('own'), {}, { headers: { 'idempotency-key': 'mine-1' } });
  expect(keysOf('own')).toEqual(['mine-1', 'mine-1']);
});

test('off by default: no key is sent', async () => {
  server.script('off', [{ status: 503 }, { status: 200 }]);
  await client().post(at('off'), {});
  expect(keysOf('off')).toEqual([undefined, undefined]);
});

test('the option alone is read as options, not as a policy', async () => {
  server.script('alone', [{ status: 200 }]);
  const instance = axios.create();
  attachStaunch(instance, { idempotencyKeyHeader: 'Idempotency-Key' });
  await instance.post(at('alone'), {});
  expect(keysOf('alone')[0]).toMatch(/^[0-9a-f-]{36}$/);
});

test('config.staunch sets the header per request, or false for none', async () => {
  server.script('per-request', [{ status: 503 }, { status: 200 }]);
  server.script('per-request-off', [{ status: 503 }, { status: 200 }]);
  await client().post(at('per-request'), {}, { staunch: { idempotencyKeyHeader: 'Idempotency-Key' } });
  await keyed.post(at('per-request-off'), {}, { staunch: { idempotencyKeyHeader: false } });
  const keys = keysOf('per-request');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
  expect(keysOf('per-request-off')).toEqual([undefined, undefined]);
});
