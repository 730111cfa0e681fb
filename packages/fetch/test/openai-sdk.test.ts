import { type FaultServer, startFaultServer } from '@staunch/testing';
import OpenAI from 'openai';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { createFetch } from '../src/index.js';

// The real openai SDK pointed at the loopback fault server through `fetch: createFetch(...)`.
// Server-side arrival counts and the SDK's `x-stainless-retry-count` header show who retried.

const POLICY = { extends: 'default', backoff: { baseMs: 1, capMs: 5 } } as const;
const soon = { 'retry-after-ms': '1' };
const COMPLETION = JSON.stringify({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 0,
  model: 'gpt-test',
  choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'stop' }],
});

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

function client(testId: string, options: { maxRetries: number; maxAttempts?: number }) {
  return new OpenAI({
    apiKey: 'sk-test',
    baseURL: `${server.url}/v1`,
    maxRetries: options.maxRetries,
    defaultHeaders: { 'x-test-id': testId },
    fetch: createFetch({
      policy: { ...POLICY, maxAttempts: options.maxAttempts ?? 5 },
      throttle: false,
      retryGate: false,
    }),
  });
}
const ask = (openai: OpenAI) =>
  openai.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hello' }] });
const retryCounts = (testId: string) => server.requests(testId).map((r) => r.headers['x-stainless-retry-count']);

test('with maxRetries: 0 the retries happen in Staunch, not in the SDK', async () => {
  server.script('sdk-ok', [
    { status: 429, headers: soon },
    { status: 503, headers: soon },
    { status: 200, body: COMPLETION },
  ]);
  const completion = await ask(client('sdk-ok', { maxRetries: 0 }));
  expect(completion.choices[0]?.message.content).toBe('hi');
  expect(server.arrivals('sdk-ok')).toBe(3);
  expect(retryCounts('sdk-ok')).toEqual(['0', '0', '0']);
  const bodies = new Set(server.requests('sdk-ok').map((r) => r.bodySha256));
  expect(bodies.size).toBe(1);
});

test('a fail-fast status reaches the SDK at once as its own typed error', async () => {
  server.script('sdk-401', [{ status: 401, body: '{"error":{"message":"bad key","type":"invalid_request_error"}}' }]);
  const error = await ask(client('sdk-401', { maxRetries: 0 })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  expect(server.arrivals('sdk-401')).toBe(1);
});

test('exhausted retries hand the SDK the last response, so it raises its own error once', async () => {
  server.script('sdk-503', [{ status: 503, headers: soon }]);
  const error = await ask(client('sdk-503', { maxRetries: 0, maxAttempts: 3 })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.InternalServerError);
  expect((error as InstanceType<typeof OpenAI.InternalServerError>).status).toBe(503);
  expect(server.arrivals('sdk-503')).toBe(3);
});

test('SDK retries left on multiply attempts, and Staunch warns once', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  server.script('sdk-multiplied', [{ status: 503, headers: soon }]);
  const error = await ask(client('sdk-multiplied', { maxRetries: 2, maxAttempts: 2 })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OpenAI.InternalServerError);
  // Three SDK attempts, each made of two Staunch attempts.
  expect(server.arrivals('sdk-multiplied')).toBe(6);
  expect(retryCounts('sdk-multiplied')).toEqual(['0', '0', '1', '1', '2', '2']);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]?.[0])).toContain('maxRetries: 0');
});
