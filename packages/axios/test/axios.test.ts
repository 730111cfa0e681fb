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
const at = (id: string) => `${faults.url}/s/${id}/`;

function client(options: Parameters<typeof attachStaunch>[1] = { policy: FAST, throttle: false, retryGate: false }) {
  const instance = axios.create();
  const detach = attachStaunch(instance, options);
  return { instance, detach };
}

test('the policy retries and axios transforms the final response', async () => {
  faults.script('retries', [busy, { status: 200, body: '{"answer":42}' }]);
  const { instance } = client();
  const response = await instance.get(at('retries'));
  expect(response.data).toEqual({ answer: 42 });
  expect(faults.arrivals('retries')).toBe(2);
});

test('an exhausted call rejects with AxiosError carrying the final response', async () => {
  faults.script('exhausted', [busy]);
  const { instance } = client({ policy: { ...FAST, maxAttempts: 3 }, throttle: false, retryGate: false });
  const error = await instance.get(at('exhausted')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AxiosError);
  const axiosError = error as AxiosError;
  expect(axiosError.code).toBe('ERR_BAD_RESPONSE');
  expect(axiosError.response?.status).toBe(503);
  expect(axiosError.response?.data).toEqual({ error: { message: 'busy' } });
  expect(axiosError.config?.url).toBe(at('exhausted'));
  expect(isRetriesExhaustedError(staunchErrorOf(error))).toBe(true);
  expect(faults.arrivals('exhausted')).toBe(3);
});

test('a fail-fast status is one attempt', async () => {
  faults.script('fail-fast', [{ status: 401, body: '{"error":{"message":"bad key"}}' }]);
  const { instance } = client();
  const error = await instance.post(at('fail-fast'), { model: 'm' }).catch((e: unknown) => e);
  expect((error as AxiosError).response?.status).toBe(401);
  expect(isHttpError(staunchErrorOf(error))).toBe(true);
  expect(faults.arrivals('fail-fast')).toBe(1);
});

test('typedErrors, per instance or per request, rejects with the typed error', async () => {
  faults.script('typed', [{ status: 402, body: '{"error":{"message":"limit reached"}}' }]);
  const typed = client({ policy: 'together', throttle: false, retryGate: false, typedErrors: true }).instance;
  const byInstance = await typed.post(at('typed'), {}).catch((e: unknown) => e);
  expect(isHttpError(byInstance)).toBe(true);
  expect((byInstance as Error).message).toContain('limit reached');
  const { instance } = client();
  const byRequest = await instance.post(at('typed'), {}, { staunch: { typedErrors: true } }).catch((e: unknown) => e);
  expect(isHttpError(byRequest)).toBe(true);
});

test('request data is re-sent byte for byte', async () => {
  faults.script('replay', [busy, busy, { status: 200 }]);
  const { instance } = client();
  const json = { model: 'm', messages: [{ role: 'user', content: 'héllo' }] };
  await instance.post(at('replay'), json);
  const bytes = Buffer.from([1, 2, 3, 250]);
  await instance.post(at('replay'), bytes);
  expect(faults.requests('replay').map((r) => r.bodySha256)).toEqual([
    ...Array(3).fill(sha256(JSON.stringify(json))),
    sha256(bytes),
  ]);
});

test('a stream already read to its end is refused before anything is sent, not sent empty', async () => {
  faults.script('used-stream', [{ status: 200 }]);
  const { instance } = client();
  const used = Readable.from(['chunk']);
  for await (const _chunk of used) {
    // a caller that logged the body first
  }
  const error = await instance.post(at('used-stream'), used).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TypeError);
  expect((error as TypeError).message).toMatch(/already read.*fresh stream/);
  expect(faults.arrivals('used-stream')).toBe(0);
});

test('stream data is sent once, not replayed', async () => {
  faults.script('stream-once', [busy, { status: 200 }]);
  const { instance } = client();
  const error = await instance.post(at('stream-once'), Readable.from(['chunk'])).catch((e: unknown) => e);
  expect((error as AxiosError).response?.status).toBe(503);
  expect(faults.arrivals('stream-once')).toBe(1);
  expect(faults.requests('stream-once').map((r) => r.bodySha256)).toEqual([sha256('chunk')]);
});

test('aborting during a server-requested wait rejects with CanceledError', async () => {
  faults.script('abort', [{ status: 429, headers: { 'retry-after': '30' } }]);
  const { instance } = client();
  const controller = new AbortController();
  const pending = instance.get(at('abort'), { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  const error = await pending.catch((e: unknown) => e);
  expect(axios.isCancel(error)).toBe(true);
  expect(faults.arrivals('abort')).toBe(1);
});

test("axios's timeout bounds each attempt and the last timeout error is axios's", async () => {
  faults.script('attempt-timeout', [{ status: 200, delayMs: 2000 }]);
  const { instance } = client({ policy: { ...FAST, maxAttempts: 2 }, throttle: false, retryGate: false });
  const error = await instance.get(at('attempt-timeout'), { timeout: 50 }).catch((e: unknown) => e);
  expect((error as AxiosError).code).toBe('ECONNABORTED');
  expect(faults.arrivals('attempt-timeout')).toBe(2);
});

test("axios's timeout is the policy's timeout outcome, not a network error", async () => {
  faults.script('timeout-rule', [{ status: 200, delayMs: 2000 }]);
  const policy = { ...FAST, maxAttempts: 3, rules: { timeout: 'fail', network: 'retry' } } as const;
  const { instance } = client({ policy, throttle: false, retryGate: false });
  const error = await instance.get(at('timeout-rule'), { timeout: 50 }).catch((e: unknown) => e);
  expect(staunchErrorOf(error)?.reason).toBe('timeout');
  expect(faults.arrivals('timeout-rule')).toBe(1);
});

test('staunch: false sends the request once, as plain axios', async () => {
  faults.script('staunch-off', [busy]);
  const { instance } = client();
  const error = await instance.get(at('staunch-off'), { staunch: false }).catch((e: unknown) => e);
  expect((error as AxiosError).response?.status).toBe(503);
  expect(staunchErrorOf(error)).toBeUndefined();
  expect(faults.arrivals('staunch-off')).toBe(1);
});

test('a per-request policy overrides the instance policy', async () => {
  faults.script('per-request-policy', [busy]);
  const { instance } = client();
  await instance.get(at('per-request-policy'), { staunch: { policy: { ...FAST, maxAttempts: 2 } } }).catch(() => {});
  expect(faults.arrivals('per-request-policy')).toBe(2);
});

test('the returned function removes both interceptors', async () => {
  faults.script('detach', [busy]);
  const { instance, detach } = client({ policy: FAST, throttle: false, retryGate: false, typedErrors: true });
  detach();
  const error = await instance.get(at('detach')).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AxiosError);
  expect(faults.arrivals('detach')).toBe(1);
});

test("the caller's interceptors run once per call and validateStatus still decides", async () => {
  faults.script('interceptors', [busy]);
  const { instance } = client({ policy: { ...FAST, maxAttempts: 2 }, throttle: false, retryGate: false });
  let seen = 0;
  instance.interceptors.request.use((config) => {
    seen++;
    return config;
  });
  const response = await instance.get(at('interceptors'), { validateStatus: () => true });
  expect(response.status).toBe(503);
  expect(seen).toBe(1);
  expect(faults.arrivals('interceptors')).toBe(2);
});

test('the detach function carries the engine events', async () => {
  faults.script('events', [busy, { status: 200 }]);
  const { instance, detach } = client();
  const retries: number[] = [];
  detach.onRetry((event) => retries.push(event.status ?? 0));
  await instance.get(at('events'));
  expect(retries).toEqual([503]);
});

test("a streamed answer that is not SSE is axios's own stream, read whole", async () => {
  faults.script('plain-stream', [{ status: 200, body: '{"answer":42}' }]);
  const { instance } = client();
  const response = await instance.get<Readable>(at('plain-stream'), { responseType: 'stream' });
  const chunks: Buffer[] = [];
  for await (const chunk of response.data) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('{"answer":42}');
});

test('idleTimeoutMs is validated when Staunch is attached', () => {
  expect(() => attachStaunch(axios.create(), { idleTimeoutMs: 0 })).toThrow(/idleTimeoutMs/);
});
