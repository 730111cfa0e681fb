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

describe('request bucket (virtual clock)', () => {
  test('grants the burst at once, then the refill rate', async () => {
    const clock = new VirtualClock();
    const mock = await provider({ rate: 5, burst: 3, clock });
    expect(ok(await burst(mock.url, 10))).toBe(3);
    await clock.advance(400);
    expect(ok(await burst(mock.url, 10))).toBe(2);
    await clock.advance(10_000);
    expect(ok(await burst(mock.url, 10))).toBe(3);
    expect(mock.stats()).toMatchObject({ arrivals: 30, successes: 8, rateLimited: 22 });
  });

  test('keys have separate buckets', async () => {
    const mock = await provider({ rate: 1, burst: 2, clock: new VirtualClock() });
    expect(ok(await burst(mock.url, 5, { key: 'a' }))).toBe(2);
    expect(ok(await burst(mock.url, 5, { key: 'b' }))).toBe(2);
  });

  test('a capacity schedule steps the rate up at its time', async () => {
    const clock = new VirtualClock();
    const mock = await provider({ rate: 1, burst: 1, capacity: [{ atMs: 1000, rate: 20, burst: 20 }], clock });
    expect(ok(await burst(mock.url, 5))).toBe(1);
    await clock.advance(1500);
    // Refill ran at 1/s until the step (back to 1), then at 20/s for 500 ms (+10).
    expect(ok(await burst(mock.url, 30))).toBe(11);
  });

  test('setCapacity steps the rate down for every key now', async () => {
    const clock = new VirtualClock();
    const mock = await provider({ rate: 100, burst: 100, clock });
    mock.setCapacity({ rate: 2, burst: 2 });
    expect(ok(await burst(mock.url, 10))).toBe(2);
    expect(() => mock.setCapacity({ rate: -1 })).toThrow(/setCapacity\.rate/);
  });
});

describe('token bucket (virtual clock)', () => {
  test('charges prompt chars / 4 + max_tokens and refuses with a tokens 429', async () => {
    const clock = new VirtualClock();
    const mock = await provider({ rate: 100, tokensPerSecond: 100, tokenBurst: 100, clock });
    // messages [{role:'user', content: 40 chars}] → 44 chars → 11 tokens, + 39 max_tokens = 50.
    const options = { content: 'x'.repeat(40), maxTokens: 39 };
    expect(ok(await burst(mock.url, 5, options))).toBe(2);
    const refused = await chat(mock.url, options);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text).error.type).toBe('tokens');
    await clock.advance(500);
    expect((await chat(mock.url, options)).status).toBe(200);
    const charged = mock.stats().timeline.filter((e) => e.admitted);
    expect(charged.map((e) => e.tokens)).toEqual([50, 50, 50]);
  });

  test('a request larger than the token bucket can never fit and gets no timing hint', async () => {
    const mock = await provider({
      tokensPerSecond: 10,
      tokenBurst: 10,
      hint: 'retry-after',
      clock: new VirtualClock(),
    });
    const refused = await chat(mock.url, { maxTokens: 1000 });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeNull();
  });
});

test('real time: admissions in any window never exceed burst + rate × T (from the timeline)', async () => {
  const rate = 40;
  const burstSize = 5;
  const mock = await provider({ rate, burst: burstSize });
  const deadline = performance.now() + 1200;
  // Four clients in a tight loop, far above the limit; bounded by time and by count.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = 0; i < 200 && performance.now() < deadline; i++) await chat(mock.url);
    }),
  );
  const admitted = mock.stats().timeline.filter((e) => e.admitted);
  expect(mock.stats().rateLimited).toBeGreaterThan(0);
  for (let i = 0; i < admitted.length; i++) {
    for (let j = i; j < admitted.length; j++) {
      const span = (admitted[j]?.atMs ?? 0) - (admitted[i]?.atMs ?? 0);
      expect(j - i + 1).toBeLessThanOrEqual(burstSize + (rate * span) / 1000 + 1e-9);
    }
  }
});
