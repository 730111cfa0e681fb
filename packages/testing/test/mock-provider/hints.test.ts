import { type RateLimitHeaderSpec, serverWait } from '@staunch/core';
import { afterEach, describe, expect, test } from 'vitest';
import { type HintStyle, type MockProvider, startMockProvider, VirtualClock } from '../../src/index.js';
import { chat } from '../support/chat.js';

// How each dialect is declared to core (providers.md §2.2, §4.3, §5.3).
const bucket = (
  unit: 'requests' | 'tokens',
  names: [string, string, string],
  format: RateLimitHeaderSpec['resetFormat'],
) => ({ unit, limit: names[0], remaining: names[1], reset: names[2], resetFormat: format }) as RateLimitHeaderSpec;
const SPECS: Record<HintStyle, RateLimitHeaderSpec[]> = {
  'retry-after': [],
  'retry-after-date': [],
  'retry-after-ms': [],
  'gateway-empty': [],
  none: [],
  openai: openAiSpecs(),
  groq: openAiSpecs(),
  'openai-ms': openAiSpecs(),
  together: [bucket('requests', ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'], 'delta-seconds')],
  anthropic: (['requests', 'tokens'] as const).map((u) =>
    bucket(
      u,
      [`anthropic-ratelimit-${u}-limit`, `anthropic-ratelimit-${u}-remaining`, `anthropic-ratelimit-${u}-reset`],
      'rfc3339',
    ),
  ),
};
function openAiSpecs(): RateLimitHeaderSpec[] {
  return (['requests', 'tokens'] as const).map((u) =>
    bucket(u, [`x-ratelimit-limit-${u}`, `x-ratelimit-remaining-${u}`, `x-ratelimit-reset-${u}`], 'go-duration'),
  );
}
// Styles that can only say whole seconds may overshoot by up to a second; none may undershoot.
const WHOLE_SECONDS: readonly HintStyle[] = ['retry-after', 'retry-after-date', 'together', 'anthropic', 'groq'];

const open: MockProvider[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

async function limited(hint: HintStyle, extra: { resetMeaning?: 'next' | 'full'; burst?: number } = {}) {
  const clock = new VirtualClock({ wallStart: Date.UTC(2026, 0, 1, 12, 0, 0, 250) });
  const mock = await startMockProvider({ rate: 2, burst: extra.burst ?? 1, hint, clock, ...extra });
  open.push(mock);
  for (let i = 0; i < (extra.burst ?? 1); i++) expect((await chat(mock.url)).status).toBe(200);
  const refused = await chat(mock.url);
  expect(refused.status).toBe(429);
  return { mock, clock, refused, wait: serverWait(refused.headers, SPECS[hint], clock.wallNow()) };
}

describe.each([
  'retry-after',
  'retry-after-date',
  'retry-after-ms',
  'openai',
  'openai-ms',
  'together',
  'anthropic',
  'groq',
] as const)('%s', (hint) => {
  test('core parses a wait that is never early, and obeying it succeeds', async () => {
    const { mock, clock, wait } = await limited(hint);
    const trueWaitMs = 500; // one request at 2/s
    expect(wait?.delayMs).toBeGreaterThanOrEqual(trueWaitMs);
    expect(wait?.delayMs).toBeLessThanOrEqual(trueWaitMs + (WHOLE_SECONDS.includes(hint) ? 1000 : 1));
    await clock.advance(wait?.delayMs ?? 0);
    expect((await chat(mock.url)).status).toBe(200);
  });
});

test('millisecond hints are tight: one millisecond early is still refused', async () => {
  const { mock, clock, wait } = await limited('retry-after-ms');
  expect(wait).toEqual({ delayMs: 500, source: 'retry-after-ms' });
  await clock.advance(499);
  expect((await chat(mock.url)).status).toBe(429);
});

test('openai-ms sends the bucket headers and retry-after-ms together on a 429, and no retry-after-ms on a success', async () => {
  const clock = new VirtualClock();
  const mock = await startMockProvider({ rate: 2, burst: 1, hint: 'openai-ms', headersOnSuccess: true, clock });
  open.push(mock);
  const ok = await chat(mock.url);
  expect(ok.headers.get('x-ratelimit-limit-requests')).toBe('120');
  expect(ok.headers.get('retry-after-ms')).toBeNull();
  const refused = await chat(mock.url);
  expect(refused.status).toBe(429);
  expect(refused.headers.get('retry-after-ms')).toBe('500');
  expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
  expect(refused.headers.get('x-ratelimit-reset-requests')).not.toBeNull();
});

test('none sends no timing header at all', async () => {
  const { refused, wait } = await limited('none');
  expect(wait).toBeUndefined();
  const names = [...refused.headers.keys()];
  expect(names.filter((n) => n.includes('retry') || n.includes('ratelimit'))).toEqual([]);
});

test("resetMeaning 'full' counts down to a full bucket, as OpenAI documents", async () => {
  const { refused } = await limited('openai', { resetMeaning: 'full', burst: 4 });
  expect(refused.headers.get('x-ratelimit-reset-requests')).toBe('2s');
  expect(refused.headers.get('x-ratelimit-limit-requests')).toBe('120');
});

test('an exhausted token bucket is named in the hint', async () => {
  const clock = new VirtualClock();
  const mock = await startMockProvider({ rate: 100, tokensPerSecond: 100, tokenBurst: 100, hint: 'openai', clock });
  open.push(mock);
  // 'user' + 'hello' = 9 chars → 3 tokens, + 97 max_tokens = the whole bucket.
  expect((await chat(mock.url, { maxTokens: 97 })).status).toBe(200);
  const refused = await chat(mock.url, { maxTokens: 97 });
  expect(refused.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
  expect(serverWait(refused.headers, SPECS.openai, clock.wallNow())).toEqual({ delayMs: 1000, source: 'reset-header' });
});

test('rate-limit headers appear on successes only when asked', async () => {
  const quiet = await startMockProvider({ hint: 'anthropic', clock: new VirtualClock() });
  const loud = await startMockProvider({ hint: 'anthropic', headersOnSuccess: true, clock: new VirtualClock() });
  open.push(quiet, loud);
  expect((await chat(quiet.url)).headers.get('anthropic-ratelimit-requests-remaining')).toBeNull();
  expect((await chat(loud.url)).headers.get('anthropic-ratelimit-requests-remaining')).toBe('9');
});
