import { isHttpError } from '@staunch/core';
import ky, { HTTPError, TimeoutError } from 'ky';
import { afterEach, expect, test } from 'vitest';
import { kyOptions, staunchKy } from '../src/index.js';
import { type Reply, scriptedServer } from './scripted-server.js';

const FAST = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } } as const;
const busy: Reply = { status: 503, headers: { 'retry-after-ms': '5' }, body: '{"error":{"message":"busy"}}' };
const servers: Array<{ close(): Promise<void> }> = [];
async function serve(replies: Reply[]) {
  const server = await scriptedServer(replies);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

test('the policy retries and ky parses the final response', async () => {
  const server = await serve([busy, { status: 200, body: '{"answer":42}' }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  expect(await api.get(server.url).json()).toEqual({ answer: 42 });
  expect(server.arrivals).toBe(2);
});

test("ky's own retry is off, so attempts never multiply", async () => {
  // A GET 503 is something ky retries by default (limit 2): multiplied, this would be 9 arrivals.
  const server = await serve([busy]);
  const api = staunchKy(ky, { policy: { ...FAST, maxAttempts: 3 }, throttle: false, retryGate: false });
  const error = await api.get(server.url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HTTPError);
  expect((error as HTTPError).response.status).toBe(503);
  expect(server.arrivals).toBe(3);
});

test('a fail-fast status is one attempt and ky throws HTTPError with the response', async () => {
  const server = await serve([{ status: 401, body: '{"error":{"message":"bad key"}}' }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const error = await api.post(server.url, { json: { model: 'm' } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HTTPError);
  expect(await (error as HTTPError).response.json()).toEqual({ error: { message: 'bad key' } });
  expect(server.arrivals).toBe(1);
});

test('typedErrors: the final failure is the typed error with the hint', async () => {
  const server = await serve([{ status: 402, body: '{"error":{"message":"limit reached"}}' }]);
  const api = staunchKy(ky, { policy: 'together', throttle: false, retryGate: false, typedErrors: true });
  const error = await api.post(server.url, { json: {} }).catch((e: unknown) => e);
  expect(isHttpError(error)).toBe(true);
  expect((error as Error).message).toContain('limit reached');
  expect(server.arrivals).toBe(1);
});

test('a JSON body is re-sent byte for byte', async () => {
  const server = await serve([busy, busy, { status: 200 }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  await api.post(server.url, { json: { model: 'm', messages: [{ role: 'user', content: 'héllo' }] } });
  expect(server.bodies).toHaveLength(3);
  expect(new Set(server.bodies).size).toBe(1);
  expect(JSON.parse(server.bodies[0] ?? '')).toMatchObject({ model: 'm' });
});

test('a streamed body is sent once, not replayed', async () => {
  const server = await serve([busy, { status: 200 }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('chunk'));
      controller.close();
    },
  });
  const error = await api.post(server.url, { body }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HTTPError);
  expect(server.arrivals).toBe(1);
  expect(server.bodies[0]).toBe('chunk');
});

test('hooks run once per call, around all attempts', async () => {
  const server = await serve([busy, busy, { status: 200 }]);
  let before = 0;
  let after = 0;
  const api = ky.create({
    ...kyOptions({ policy: FAST, throttle: false, retryGate: false }),
    hooks: { beforeRequest: [() => void before++], afterResponse: [() => void after++] },
  });
  await api.get(server.url);
  expect(server.arrivals).toBe(3);
  expect([before, after]).toEqual([1, 1]);
});

test('aborting during a server-requested wait rejects with the abort reason', async () => {
  const server = await serve([{ status: 429, headers: { 'retry-after': '30' } }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const controller = new AbortController();
  const reason = new Error('user cancelled');
  const pending = api.get(server.url, { signal: controller.signal });
  setTimeout(() => controller.abort(reason), 50);
  await expect(pending).rejects.toBe(reason);
  expect(server.arrivals).toBe(1);
});

test("the policy's deadline surfaces as ky's TimeoutError", async () => {
  const server = await serve([{ status: 200, delayMs: 2000 }]);
  const api = staunchKy(ky, { policy: { ...FAST, timeoutMs: 100 }, throttle: false, retryGate: false });
  const error = await api.get(server.url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect(server.arrivals).toBe(1);
});

test('events are reachable on the fetch in kyOptions', async () => {
  const server = await serve([busy, { status: 200 }]);
  const options = kyOptions({ policy: FAST, throttle: false, retryGate: false });
  const retries: number[] = [];
  options.fetch.onRetry((event) => retries.push(event.status ?? 0));
  await ky.create(options).get(server.url);
  expect(retries).toEqual([503]);
});
