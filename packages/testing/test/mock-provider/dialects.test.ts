import { afterEach, expect, test } from 'vitest';
import { type MockProvider, type MockProviderOptions, startMockProvider, VirtualClock } from '../../src/index.js';
import { burst, chat } from '../support/chat.js';

const open: MockProvider[] = [];
async function provider(options: MockProviderOptions): Promise<MockProvider> {
  const started = await startMockProvider(options);
  open.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

test('groq: requests headers are the day, tokens headers the minute, retry-after seconds on a 429', async () => {
  const clock = new VirtualClock();
  const mock = await provider({ rate: 2, burst: 1, tokensPerSecond: 100, hint: 'groq', headersOnSuccess: true, clock });
  const ok = await chat(mock.url, { maxTokens: 7 });
  expect(ok.status).toBe(200);
  // 14,400 a day refill one every 6 s, so one used is whole again in 6 s.
  expect(ok.headers.get('x-ratelimit-limit-requests')).toBe('14400');
  expect(ok.headers.get('x-ratelimit-remaining-requests')).toBe('14399');
  expect(ok.headers.get('x-ratelimit-reset-requests')).toBe('6s');
  expect(ok.headers.get('x-ratelimit-limit-tokens')).toBe('6000');
  expect(ok.headers.get('x-ratelimit-remaining-tokens')).toBe('90');
  expect(ok.headers.get('retry-after')).toBeNull();
  // The per-second request limit binds, and no header shows it.
  const refused = await chat(mock.url, { maxTokens: 7 });
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after')).toBe('1');
  expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('14399');
});

test('groq: a small daily quota binds as a requests 429', async () => {
  const clock = new VirtualClock();
  const mock = await provider({ rate: 100, requestsPerDay: 2, hint: 'groq', clock });
  expect(await burst(mock.url, 3)).toEqual([200, 200, 429]);
  const refused = await chat(mock.url);
  expect(JSON.parse(refused.text).error.type).toBe('requests');
  expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  // One of two a day comes back after half a day.
  expect(refused.headers.get('retry-after')).toBe('43200');
});

test('gateway-empty: a 429 with no body and no timing header', async () => {
  const mock = await provider({
    rate: 1,
    burst: 1,
    hint: 'gateway-empty',
    headersOnSuccess: true,
    clock: new VirtualClock(),
  });
  expect((await chat(mock.url)).status).toBe(200);
  const refused = await chat(mock.url);
  expect(refused.status).toBe(429);
  expect(refused.text).toBe('');
  expect(refused.headers.get('content-length')).toBe('0');
  expect(refused.headers.get('content-type')).toBeNull();
  const names = [...refused.headers.keys()];
  expect(names.filter((n) => n.includes('retry') || n.includes('ratelimit'))).toEqual([]);
});

test('retry-after-date: a Date header, and a retry time on a whole second never before the true wait', async () => {
  const wallStart = Date.UTC(2026, 0, 1, 12, 0, 0, 250);
  const clock = new VirtualClock({ wallStart });
  const mock = await provider({ rate: 4, burst: 1, hint: 'retry-after-date', clock });
  await chat(mock.url);
  const refused = await chat(mock.url);
  const date = refused.headers.get('date');
  const retryAt = Date.parse(refused.headers.get('retry-after') ?? '');
  expect(date).toBe('Thu, 01 Jan 2026 12:00:00 GMT');
  expect(retryAt % 1000).toBe(0);
  // The true wait is 250 ms: 12:00:00.500, rounded up to 12:00:01.
  expect(retryAt).toBe(Date.UTC(2026, 0, 1, 12, 0, 1));
  expect(retryAt - Date.parse(date ?? '')).toBeGreaterThanOrEqual(250);
});

test("openai with resetMeaning 'full' and headers on success: requests per minute, reset until the bucket is full", async () => {
  const clock = new VirtualClock();
  const mock = await provider({
    rate: 5,
    burst: 5,
    hint: 'openai',
    resetMeaning: 'full',
    headersOnSuccess: true,
    clock,
  });
  const [, , third] = await Promise.all([chat(mock.url), chat(mock.url), chat(mock.url)]);
  expect(third?.headers.get('x-ratelimit-limit-requests')).toBe('300');
  expect(third?.headers.get('x-ratelimit-remaining-requests')).toBe('2');
  // Three spent at 5/s: full again in 600 ms.
  expect(third?.headers.get('x-ratelimit-reset-requests')).toBe('600ms');
});
