import { type FaultServer, startFaultServer } from '@staunch/testing';
import pRetry from 'p-retry';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pRetryOptions } from '../src/index.js';

const FAST = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } } as const;
const soon = { 'retry-after-ms': '1' };

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

/** What p-retry users write: throw on a bad status, keeping the response on the error (ky's HTTPError shape). */
class StatusError extends Error {
  constructor(readonly response: Response) {
    super(`HTTP ${response.status}`);
  }
}
function call(id: string) {
  return async () => {
    const response = await fetch(`${server.url}/v1/chat`, { method: 'POST', headers: { 'x-test-id': id }, body: '{}' });
    if (!response.ok) throw new StatusError(response);
    return response.status;
  };
}

test('retried statuses are retried and the server wait is honoured', async () => {
  server.script('retry', [{ status: 429, headers: { 'retry-after-ms': '300' } }, { status: 503, headers: soon }, {}]);
  expect(await pRetry(call('retry'), pRetryOptions(FAST))).toBe(200);
  const [first, second] = server.requests('retry');
  expect(server.arrivals('retry')).toBe(3);
  expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(250);
});

test('a fail-fast status rejects at once with the thrown error', async () => {
  server.script('fail', [{ status: 401 }, {}]);
  const error = await pRetry(call('fail'), pRetryOptions(FAST)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StatusError);
  expect(server.arrivals('fail')).toBe(1);
});

test('a provider code in the body is classified (429 insufficient_quota fails fast)', async () => {
  server.script('quota', [{ status: 429, headers: soon, body: '{"error":{"code":"insufficient_quota"}}' }, {}]);
  await expect(pRetry(call('quota'), pRetryOptions(FAST))).rejects.toBeInstanceOf(StatusError);
  expect(server.arrivals('quota')).toBe(1);
});

test("the policy's attempt count and a rule's cap bound the retries", async () => {
  server.script('cap', [{ status: 500, headers: soon }]);
  await expect(
    pRetry(call('cap'), pRetryOptions({ ...FAST, extends: '4allapi', backoff: { baseMs: 1, capMs: 2000 } })),
  ).rejects.toBeInstanceOf(StatusError);
  expect(server.arrivals('cap')).toBe(3); // 4AllAPI retries a 500 at most twice
  expect(pRetryOptions({ ...FAST, maxAttempts: 4 }).retries).toBe(3);
});

test('a wait longer than maxRetryAfterMs stops instead of sleeping', async () => {
  server.script('long', [{ status: 429, headers: { 'retry-after': '120' } }, {}]);
  await expect(pRetry(call('long'), pRetryOptions(FAST))).rejects.toBeInstanceOf(StatusError);
  expect(server.arrivals('long')).toBe(1);
});

test('SDK-shaped errors (status, headers, error body) are read too', async () => {
  let attempts = 0;
  const sdkError = (status: number, code: string) =>
    Object.assign(new Error('sdk'), { status, headers: new Headers(soon), error: { code } });
  const result = await pRetry(async () => {
    attempts++;
    if (attempts === 1) throw sdkError(503, 'overloaded');
    return 'done';
  }, pRetryOptions(FAST));
  expect([result, attempts]).toEqual(['done', 2]);
  attempts = 0;
  await expect(
    pRetry(async () => {
      attempts++;
      throw sdkError(429, 'insufficient_quota');
    }, pRetryOptions(FAST)),
  ).rejects.toThrow('sdk');
  expect(attempts).toBe(1);
});

test('the signal cancels a server-requested wait', async () => {
  server.script('abort', [{ status: 429, headers: { 'retry-after': '30' } }]);
  const controller = new AbortController();
  const reason = new Error('stop');
  setTimeout(() => controller.abort(reason), 200);
  await expect(pRetry(call('abort'), pRetryOptions(FAST, { signal: controller.signal }))).rejects.toBe(reason);
  expect(server.arrivals('abort')).toBe(1);
});
