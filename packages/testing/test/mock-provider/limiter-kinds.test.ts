import { afterEach, describe, expect, test } from 'vitest';
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

const ok = (statuses: number[]) => statuses.filter((s) => s === 200).length;
/** 12:00:50 UTC: ten seconds before a whole minute. */
const TEN_BEFORE_THE_MINUTE = Date.UTC(2026, 0, 1, 12, 0, 50);

describe('fixed window (virtual clock)', () => {
  test('grants rate × window per window, and the count clears on the wall-clock minute', async () => {
    const clock = new VirtualClock({ wallStart: TEN_BEFORE_THE_MINUTE });
    // 0.1/s over a 60 s window = 6 requests a minute; burst plays no part.
    const mock = await provider({ limiter: 'fixed-window', rate: 0.1, burst: 1, clock });
    expect(ok(await burst(mock.url, 10))).toBe(6);
    await clock.advance(9_999);
    expect((await chat(mock.url)).status).toBe(429);
    await clock.advance(1);
    expect(ok(await burst(mock.url, 10))).toBe(6);
  });

  test('remaining counts down, reset is the time to the window end, and a 429 says so', async () => {
    const clock = new VirtualClock({ wallStart: TEN_BEFORE_THE_MINUTE });
    const mock = await provider({
      limiter: 'fixed-window',
      rate: 0.05,
      hint: 'openai',
      headersOnSuccess: true,
      clock,
    });
    const first = await chat(mock.url);
    expect(first.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(first.headers.get('x-ratelimit-remaining-requests')).toBe('2');
    expect(first.headers.get('x-ratelimit-reset-requests')).toBe('10s');
    await burst(mock.url, 2);
    await clock.advance(2_500);
    const refused = await chat(mock.url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(refused.headers.get('x-ratelimit-reset-requests')).toBe('7.5s');
  });

  test('retry-after names the seconds left in the window, rounded up', async () => {
    const clock = new VirtualClock({ wallStart: TEN_BEFORE_THE_MINUTE + 400 });
    const mock = await provider({ limiter: 'fixed-window', windowMs: 5_000, rate: 1, clock });
    expect(ok(await burst(mock.url, 8))).toBe(5);
    // 12:00:50.4 is 4.6 s before the 5 s window ends.
    expect((await chat(mock.url)).headers.get('retry-after')).toBe('5');
  });

  test('tokens are counted per window too', async () => {
    const clock = new VirtualClock({ wallStart: TEN_BEFORE_THE_MINUTE });
    // 'user' + 'hello' = 9 chars → 3 tokens, + 7 max_tokens = 10 per request; 30 tokens a window.
    const mock = await provider({ limiter: 'fixed-window', windowMs: 1_000, rate: 100, tokensPerSecond: 30, clock });
    expect(ok(await burst(mock.url, 5, { maxTokens: 7 }))).toBe(3);
    const refused = await chat(mock.url, { maxTokens: 7 });
    expect(JSON.parse(refused.text).error.type).toBe('tokens');
    await clock.advance(1_000);
    expect(ok(await burst(mock.url, 5, { maxTokens: 7 }))).toBe(3);
  });

  test('a capacity step changes the allowance at once and keeps what this window used', async () => {
    const clock = new VirtualClock({ wallStart: TEN_BEFORE_THE_MINUTE });
    const mock = await provider({
      limiter: 'fixed-window',
      windowMs: 10_000,
      rate: 0.4,
      capacity: [{ atMs: 1_000, rate: 1 }],
      clock,
    });
    expect(ok(await burst(mock.url, 6))).toBe(4);
    await clock.advance(1_000);
    // 10 a window from now on, 4 of them already used.
    expect(ok(await burst(mock.url, 10))).toBe(6);
    await clock.advance(9_000);
    expect(ok(await burst(mock.url, 12))).toBe(10);
  });
});

describe('concurrency cap (real time)', () => {
  test('refuses past K in flight with a short retry-after, and frees slots as answers finish', async () => {
    const mock = await provider({ limiter: 'concurrency', maxConcurrent: 2, serviceTimeMs: 150, hint: 'retry-after' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => chat(mock.url)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused.map((a) => a.headers.get('retry-after'))).toEqual(['1', '1', '1']);
    // Everyone is answered now, so both slots are free again.
    expect(ok(await burst(mock.url, 2))).toBe(2);
  });

  test('headers state the cap and the free slots, with no reset', async () => {
    const mock = await provider({
      limiter: 'concurrency',
      maxConcurrent: 3,
      serviceTimeMs: 100,
      hint: 'openai',
      headersOnSuccess: true,
    });
    const [first] = await Promise.all([chat(mock.url), chat(mock.url)]);
    expect(first?.headers.get('x-ratelimit-limit-requests')).toBe('3');
    expect(Number(first?.headers.get('x-ratelimit-remaining-requests'))).toBeLessThanOrEqual(2);
    expect(first?.headers.get('x-ratelimit-reset-requests')).toBeNull();
  });

  test('a capacity change sets a new cap', async () => {
    const mock = await provider({ limiter: 'concurrency', rate: 1, maxConcurrent: 1, serviceTimeMs: 100 });
    expect(ok(await burst(mock.url, 4))).toBe(1);
    mock.setCapacity({ rate: 1, maxConcurrent: 3 });
    expect(ok(await burst(mock.url, 4))).toBe(3);
    expect(() => mock.setCapacity({ rate: 1 })).toThrow(/setCapacity\.maxConcurrent/);
  });
});

test('a limiter kind is validated, and a concurrency cap must say how many', async () => {
  await expect(startMockProvider({ limiter: 'sliding' as 'fixed-window' })).rejects.toThrow(/limiter/);
  await expect(startMockProvider({ limiter: 'concurrency' })).rejects.toThrow(/maxConcurrent/);
  await expect(startMockProvider({ limiter: 'fixed-window', windowMs: 0 })).rejects.toThrow(/windowMs/);
});
