import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { isHttpError, isRetriesExhaustedError } from '@staunch/core';
import { type FaultServer, type FaultStep, startFaultServer } from '@staunch/testing';
import axios, { AxiosError } from 'axios';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { attachStaunch, staunchErrorOf } from '../src/index.js';

const FAST = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } } as const;
const busy: FaultStep = { status: 503, headers: { 'retry-after-ms': '5' }, body: '{"error":{"message":"busy"}}' };
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

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
function client(options: Parameters<typeof attachStaunch>[1] = { policy: FAST, throttle: false, retryGate: false }) {
  const instance = axios.create();
  const detach = attachStaunch(instance, options);
  return { instance, detach };
}

test('the policy retries and axios transforms the final response', async () => {
  const server = serve('retries', [busy, { status: 200, body: '{"answer":42}' }]);
  const { instance } = client();
  const response = await instance.get(server.url);
  expect(response.data).toEqual({ answer: 42 });
  expect(server.arrivals()).toBe(2);
});

test('an exhausted call rejects with AxiosError carrying the final response', async () => {
  const server = serve('exhausted', [busy]);
  const { instance } = client({ policy: { ...FAST, maxAttempts: 3 }, throttle: false, retryGate: false });
  const error = await instance.get(server.url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AxiosError);
  const axiosError = error as AxiosError;
  expect(axiosError.code).toBe('ERR_BAD_RESPONSE');
  expect(axiosError.response?.status).toBe(503);
  expect(axiosError.response?.data).toEqual({ error: { message: 'busy' } });
  expect(axiosError.config?.url).toBe(server.url);
  expect(isRetriesExhaustedError(staunchErrorOf(error))).toBe(true);
  expect(server.arrivals()).toBe(3);
});

test('a fail-fast status is one attempt', async () => {
  const server = serve('fail-fast', [{ status: 401, body: '{"error":{"message":"bad key"}}' }]);
  const { instance } = client();
  const error = await instance.post(server.url, { model: 'm' }).catch((e: unknown) => e);
  expect((error as AxiosError).response?.status).toBe(401);
  expect(isHttpError(staunchErrorOf(error))).toBe(true);
  expect(server.arrivals()).toBe(1);
});

test('typedErrors, per instance or per request, rejects with the typed error', async () => {
  const server = serve('typed', [{ status: 402, body: '{"error":{"message":"limit reached"}}' }]);
  const typed = client({ policy: 'together', throttle: false, retryGate: false, typedErrors: true }).instance;
  const byInstance = await typed.post(server.url, {}).catch((e: unknown) => e);
  expect(isHttpError(byInstance)).toBe(true);
  expect((byInstance as Error).message).toContain('limit reached');
  const { instance } = client();
  const byRequest = await instance.post(server.url, {}, { staunch: { typedErrors: true } }).catch((e: unknown) => e);
  expect(isHttpError(byRequest)).toBe(true);
});

test('request data is re-sent byte for byte', async () => {
  const server = serve('replay', [busy, busy, { status: 200 }]);
  const { instance } = client();
  const json = { model: 'm', messages: [{ role: 'user', content: 'héllo' }] };
  await instance.post(server.url, json);
  const bytes = Buffer.from([1, 2, 3, 250]);
  await instance.post(server.url, bytes);
  expect(server.hashes()).toEqual([...Array(3).fill(sha256(JSON.stringify(json))), sha256(bytes)]);
});

test('stream data is sent once, not replayed', async () => {
  const server = serve('stream-once', [busy, { status: 200 }]);
  const { instance } = client();
  const error = await instance.post(server.url, Readable.from(['chunk'])).catch((e: unknown) => e);
  expect((error as AxiosError).response?.status).toBe(503);
  expect(server.arrivals()).toBe(1);
  expect(server.hashes()).toEqual([sha256('chunk')]);
});

test('aborting during a server-requested wait rejects with CanceledError', async () => {
  const server = serve('abort', [{ status: 429, headers: { 'retry-after': '30' } }]);
  const { instance } = client();
  const controller = new AbortController();
  const pending = instance.get(server.url, { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const error = await pending.catch((e: unknown) => e);
  expect(axios.isCancel(error)).toBe(true);
  expect(server.arrivals()).toBe(1);
});

test("axios's timeout bounds each attempt and the last timeout error is axios's", async () => {
  const server = serve('attempt-timeout', [{ status: 200, delayMs: 2000 }]);
  const { instance } = client({ policy: { ...FAST, maxAttempts: 2 }, throttle: false, retryGate: false });
  const error = await instance.get(server.url, { timeout: 50 }).catch((e: unknown) => e);
  expect((error as AxiosError).code).toBe('ECONNABORTED');
  expect(server.arrivals()).toBe(2);
});

test("axios's timeout is the policy's timeout outcome, not a network error", async () => {
  const server = serve('timeout-rule', [{ status: 200, delayMs: 2000 }]);
  const policy = { ...FAST, maxAttempts: 3, rules: { timeout: 'fail', network: 'retry' } } as const;
  const { instance } = client({ policy, throttle: false, retryGate: false });
  const error = await instance.get(server.url, { timeout: 50 }).catch((e: unknown) => e);
  expect(staunchErrorOf(error)?.reason).toBe('timeout');
  expect(server.arrivals()).toBe(1);
});

test('staunch: false sends the request once, as plain axios', async () => {
  const server = serve('staunch-off', [busy]);
  const { instance } = client();
  const error = await instance.get(server.url, { staunch: false }).catch((e: unknown) => e);
  expect((error as AxiosError).response?.status).toBe(503);
  expect(staunchErrorOf(error)).toBeUndefined();
  expect(server.arrivals()).toBe(1);
});

test('a per-request policy overrides the instance policy', async () => {
  const server = serve('per-request-policy', [busy]);
  const { instance } = client();
  await instance.get(server.url, { staunch: { policy: { ...FAST, maxAttempts: 2 } } }).catch(() => {});
  expect(server.arrivals()).toBe(2);
});

test('the returned function removes both interceptors', async () => {
  const server = serve('detach', [busy]);
  const { instance, detach } = client({ policy: FAST, throttle: false, retryGate: false, typedErrors: true });
  detach();
  const error = await instance.get(server.url).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AxiosError);
  expect(server.arrivals()).toBe(1);
});

test("the caller's interceptors run once per call and validateStatus still decides", async () => {
  const server = serve('interceptors', [busy]);
  const { instance } = client({ policy: { ...FAST, maxAttempts: 2 }, throttle: false, retryGate: false });
  let seen = 0;
  instance.interceptors.request.use((config) => {
    seen++;
    return config;
  });
  const response = await instance.get(server.url, { validateStatus: () => true });
  expect(response.status).toBe(503);
  expect(seen).toBe(1);
  expect(server.arrivals()).toBe(2);
});

test('the detach function carries the engine events', async () => {
  const server = serve('events', [busy, { status: 200 }]);
  const { instance, detach } = client();
  const retries: number[] = [];
  detach.onRetry((event) => retries.push(event.status ?? 0));
  await instance.get(server.url);
  expect(retries).toEqual([503]);
});

test("a streamed answer that is not SSE is axios's own stream, read whole", async () => {
  const server = serve('plain-stream', [{ status: 200, body: '{"answer":42}' }]);
  const { instance } = client();
  const response = await instance.get<Readable>(server.url, { responseType: 'stream' });
  const chunks: Buffer[] = [];
  for await (const chunk of response.data) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('{"answer":42}');
});

test('idleTimeoutMs is validated when Staunch is attached', () => {
  expect(() => attachStaunch(axios.create(), { idleTimeoutMs: 0 })).toThrow(/idleTimeoutMs/);
});
