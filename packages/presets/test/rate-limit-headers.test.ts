import { headersFromRecord, readRateLimits, serverWait } from '@staunch/core';
import { expect, test } from 'vitest';
import { resolvePolicy } from '../src/index.js';

// Header values as each provider documents them (providers.md §2.2, §3, §4.3, §5.3, §8.3, §9.2,
// §11, §16.7), read through the preset's declared specs.
const NOW = Date.parse('2025-01-12T23:11:58Z');

function read(preset: string, headers: Record<string, string>) {
  return readRateLimits(headersFromRecord(headers), resolvePolicy(preset).rateLimitHeaders, NOW);
}

test('OpenAI resets are Go durations over per-minute buckets', () => {
  const [requests, tokens] = read('openai', {
    'x-ratelimit-limit-requests': '60',
    'x-ratelimit-remaining-requests': '59',
    'x-ratelimit-reset-requests': '1s',
    'x-ratelimit-limit-tokens': '150000',
    'x-ratelimit-remaining-tokens': '0',
    'x-ratelimit-reset-tokens': '6m0s',
  });
  expect(requests).toEqual({ unit: 'requests', limit: 60, remaining: 59, resetMs: 1000, windowSeconds: 60 });
  expect(tokens).toMatchObject({ unit: 'tokens', remaining: 0, resetMs: 360_000, windowSeconds: 60 });
});

test('Groq counts requests per day and tokens per minute', () => {
  const [requests, tokens] = read('groq', {
    'x-ratelimit-limit-requests': '14400',
    'x-ratelimit-reset-requests': '2m59.56s',
    'x-ratelimit-limit-tokens': '18000',
    'x-ratelimit-reset-tokens': '7.66s',
  });
  expect(requests).toMatchObject({ limit: 14_400, resetMs: 179_560, windowSeconds: 86_400 });
  expect(tokens).toMatchObject({ limit: 18_000, resetMs: 7660, windowSeconds: 60 });
});

test('Anthropic resets are RFC 3339 instants for four buckets', () => {
  const readings = read('anthropic', {
    'anthropic-ratelimit-requests-remaining': '0',
    'anthropic-ratelimit-requests-reset': '2025-01-12T23:11:59Z',
    'anthropic-ratelimit-output-tokens-remaining': '8000',
  });
  expect(readings).toEqual([
    { unit: 'requests', limit: undefined, remaining: 0, resetMs: 1000, windowSeconds: 60 },
    { unit: 'tokens', limit: undefined, remaining: 8000, resetMs: undefined, windowSeconds: 60 },
  ]);
  expect(resolvePolicy('anthropic').rateLimitHeaders).toHaveLength(4);
});

test('OpenRouter resets are epoch milliseconds', () => {
  const [reading] = read('openrouter', {
    'X-RateLimit-Limit': '20',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(NOW + 42_000),
  });
  expect(reading).toMatchObject({ limit: 20, remaining: 0, resetMs: 42_000 });
});

test('Together counts per second and resets in seconds from now', () => {
  const [requests, tokens] = read('together', {
    'x-ratelimit-limit': '10',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': '12',
    'x-tokenlimit-limit': '2000',
  });
  expect(requests).toMatchObject({ limit: 10, remaining: 0, resetMs: 12_000, windowSeconds: 1 });
  expect(tokens).toMatchObject({ limit: 2000, windowSeconds: 1 });
});

test('Mistral resets are integer seconds on the ratelimitbysize headers', () => {
  const [reading] = read('mistral', { 'ratelimitbysize-remaining': '0', 'ratelimitbysize-reset': '17' });
  expect(reading).toMatchObject({ unit: 'tokens', remaining: 0, resetMs: 17_000 });
});

test('Azure resets are integer seconds, also under the misspelled header, and -1 reads as unknown', () => {
  const wait = serverWait(
    headersFromRecord({ 'x-ratelimit-remaining-tokens': '0', 'x-rate-limit-reset-tokens': '55' }),
    resolvePolicy('azure-openai').rateLimitHeaders,
    NOW,
  );
  expect(wait).toEqual({ delayMs: 55_000, source: 'reset-header' });
  // A bucket whose every header is unknown yields no reading at all, so it never means "exhausted".
  expect(read('azure-openai', { 'x-ratelimit-limit-tokens': '-1', 'x-ratelimit-remaining-tokens': '-1' })).toEqual([]);
});

test('a Go duration under a delta-seconds preset is not misread', () => {
  expect(read('together', { 'x-ratelimit-reset': '6m0s' })).toEqual([]);
});
