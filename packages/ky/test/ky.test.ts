import { createHash } from 'node:crypto';
import { isConfigError, isHttpError } from '@staunch/core';
import { type FaultServer, type FaultStep, startFaultServer } from '@staunch/testing';
import ky, { HTTPError, TimeoutError } from 'ky';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { kyOptions, staunchKy } from '../src/index.js';

const FAST = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } } as const;
const busy: FaultStep = { status: 503, headers: { 'retry-after-ms': '5' }, body: '{"error":{"message":"busy"}}' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let faults: FaultServer;
beforeAll(async () => {
  faults = await startFaultServer();
});
afterAll(() => faults.close());

/** Scripts the fault server under `id`: its URL, its arrival count and the SHA-256 of each body it read. */
function serve(id: string, steps: FaultStep[]) {
  faults.script(id, steps);
  const hashes = () => faults.requests(id).map((r) => r.bodySha256);
  return { url: `${faults.url}/s/${id}/`, arrivals: () => faults.arrivals(id), hashes };
}

test('the policy retries and ky parses the final response', async () => {
  const server = serve('retries', [busy, { status: 200, body: '{"answer":42}' }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  expect(await api.get(server.url).json()).toEqual({ answer: 42 });
  expect(server.arrivals()).toBe(2);
});

test("ky's own retry is off, so attempts never multiply", async () => {
  // A GET 503 is something ky retries by default (limit 2): multiplied, this would be 9 arrivals.
  const server = serve('no-multiply', [busy]);
  const api = staunchKy(ky, { policy: { ...FAST, maxAttempts: 3 }, throttle: false, retryGate: false });
  const error = await api.get(server.url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HTTPError);
  expect((error as HTTPError).response.status).toBe(503);
  expect(server.arrivals()).toBe(3);
});

test('a fail-fast status is one attempt and ky throws HTTPError with the response', async () => {
  const server = serve('fail-fast', [{ status: 401, body: '{"error":{"message":"bad key"}}' }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const error = await api.post(server.url, { json: { model: 'm' } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HTTPError);
  expect(await (error as HTTPError).response.json()).toEqual({ error: { message: 'bad key' } });
  expect(server.arrivals()).toBe(1);
});

test('typedErrors: the final failure is the typed error with the hint', async () => {
  const server = serve('typed', [{ status: 402, body: '{"error":{"message":"limit reached"}}' }]);
  const api = staunchKy(ky, { policy: 'together', throttle: false, retryGate: false, typedErrors: true });
  const error = await api.post(server.url, { json: {} }).catch((e: unknown) => e);
  expect(isHttpError(error)).toBe(true);
  expect((error as Error).message).toContain('limit reached');
  expect(server.arrivals()).toBe(1);
});

test('a JSON body is re-sent byte for byte', async () => {
  const server = serve('json-replay', [busy, busy, { status: 200 }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const json = { model: 'm', messages: [{ role: 'user', content: 'héllo' }] };
  await api.post(server.url, { json });
  expect(server.hashes()).toEqual(Array(3).fill(sha256(JSON.stringify(json))));
});

test('a streamed body is sent once, not replayed', async () => {
  const server = serve('stream-once', [busy, { status: 200 }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('chunk'));
      controller.close();
    },
  });
  const error = await api.post(server.url, { body }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HTTPError);
  expect(server.arrivals()).toBe(1);
  expect(server.hashes()).toEqual([sha256('chunk')]);
});

test('hooks run once per call, around all attempts', async () => {
  const server = serve('hooks', [busy, busy, { status: 200 }]);
  let before = 0;
  let after = 0;
  const api = ky.create({
    ...kyOptions({ policy: FAST, throttle: false, retryGate: false }),
    hooks: { beforeRequest: [() => void before++], afterResponse: [() => void after++] },
  });
  await api.get(server.url);
  expect(server.arrivals()).toBe(3);
  expect([before, after]).toEqual([1, 1]);
});

test('aborting during a server-requested wait rejects with the abort reason', async () => {
  const server = serve('abort', [{ status: 429, headers: { 'retry-after': '30' } }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const controller = new AbortController();
  const reason = new Error('user cancelled');
  const pending = api.get(server.url, { signal: controller.signal });
  setTimeout(() => controller.abort(reason), 50);
  await expect(pending).rejects.toBe(reason);
  expect(server.arrivals()).toBe(1);
});

test("the policy's deadline surfaces as ky's TimeoutError", async () => {
  const server = serve('deadline', [{ status: 200, delayMs: 2000 }]);
  const api = staunchKy(ky, { policy: { ...FAST, timeoutMs: 100 }, throttle: false, retryGate: false });
  const error = await api.get(server.url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TimeoutError);
  expect(server.arrivals()).toBe(1);
});

test('events are reachable on the fetch in kyOptions', async () => {
  const server = serve('events', [busy, { status: 200 }]);
  const options = kyOptions({ policy: FAST, throttle: false, retryGate: false });
  const retries: number[] = [];
  options.fetch.onRetry((event) => retries.push(event.status ?? 0));
  await ky.create(options).get(server.url);
  expect(retries).toEqual([503]);
});

// Per-request settings through ky's `context` option, as axios takes them in `config.staunch`.
test('context.staunch.policy overrides the instance policy for that request only', async () => {
  const server = serve('context-policy', [busy]);
  const api = staunchKy(ky, { policy: { ...FAST, maxAttempts: 4 }, throttle: false, retryGate: false });
  await api.get(server.url, { context: { staunch: { policy: { ...FAST, maxAttempts: 2 } } } }).catch(() => {});
  expect(server.arrivals()).toBe(2);
  await api.get(server.url).catch(() => {});
  expect(server.arrivals()).toBe(2 + 4);
});

test('context.staunch.typedErrors rejects that request with the typed error', async () => {
  const server = serve('context-typed', [{ status: 402, body: '{"error":{"message":"limit reached"}}' }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const error = await api.post(server.url, { json: {}, context: { staunch: { typedErrors: true } } }).catch((e) => e);
  expect(isHttpError(error)).toBe(true);
  expect((error as Error).message).toContain('limit reached');
});

test('context.staunch: false sends the request once, as plain ky', async () => {
  const server = serve('context-off', [busy, { status: 200 }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const error = await api.get(server.url, { context: { staunch: false } }).catch((e: unknown) => e);
  expect((error as HTTPError).response.status).toBe(503);
  expect(server.arrivals()).toBe(1);
});

test('a context.staunch of the wrong kind is a ConfigError naming it, before any request', async () => {
  const server = serve('context-bad', [{ status: 200 }]);
  const api = staunchKy(ky, { policy: FAST, throttle: false, retryGate: false });
  const error = await api.get(server.url, { context: { staunch: 'openai' } }).catch((e: unknown) => e);
  expect(isConfigError(error) && error.field).toBe('context.staunch');
  expect(server.arrivals()).toBe(0);
});

test('idleTimeoutMs is validated when the options are built', () => {
  expect(() => kyOptions({ idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs/);
});
