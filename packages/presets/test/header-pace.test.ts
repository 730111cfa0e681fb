import {
  applyHeaders,
  DEFAULT_TUNING,
  headersFromRecord,
  initialScopeState,
  readRateLimits,
  type ScopeState,
} from '@staunch/core';
import { describe, expect, it } from 'vitest';
import { resolvePolicy } from '../src/index.js';

// Each preset's documented header set (providers.md §2.2, §3, §4.3, §5.3, §8.3, §9.2, §11, §16.7)
// read through the preset and applied to a fresh scope: the pace and the pause it implies.
const NOW_WALL = Date.parse('2025-01-12T23:11:58Z');
const AT = 1000;

function paced(preset: string, headers: Record<string, string>): ScopeState {
  const readings = readRateLimits(headersFromRecord(headers), resolvePolicy(preset).rateLimitHeaders, NOW_WALL);
  return applyHeaders(initialScopeState(0), AT, readings, DEFAULT_TUNING);
}

describe('the pace and pause each preset reads off its provider’s headers', () => {
  it('OpenAI: 500 RPM with its reset agreeing → 8.3 req/s; 150k TPM → 2500 tokens/s', () => {
    const s = paced('openai', {
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-requests': '499',
      'x-ratelimit-reset-requests': '120ms',
      'x-ratelimit-limit-tokens': '150000',
      'x-ratelimit-remaining-tokens': '149000',
      'x-ratelimit-reset-tokens': '400ms',
    });
    expect(s.rate).toBeCloseTo(500 / 60, 5);
    expect(s.tokenRate).toBe(2500);
    expect(s.pausedUntil).toBe(0);
  });

  it('OpenAI: an exhausted per-minute bucket keeps its pace rather than holding for “until full”', () => {
    const s = paced('openai', {
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '1m0s',
    });
    expect(s.rate).toBe(1);
    expect(s.level).toBe(0);
    expect(s.pausedUntil).toBe(0);
  });

  it('OpenAI-style headers from a bucket of 10 refilling at 50/s: the reset wins, not 10 per minute', () => {
    const s = paced('openai', {
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '9',
      'x-ratelimit-reset-requests': '20ms',
    });
    expect(s.rate).toBe(50);
  });

  it('Azure OpenAI: per-minute counts with no reset state no pace (the learner measures); nothing pauses', () => {
    // No reset says when the count refills, and a count can be a bucket's size or a cap's slots.
    const spent = paced('azure-openai', { 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0' });
    expect(spent.rate).toBe(0);
    expect(spent.pausedUntil).toBe(0);
    expect(
      paced('azure-openai', { 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '9' }).rate,
    ).toBe(0);
  });

  it('Anthropic: 50 RPM, reset an RFC 3339 instant when full → 0.83 req/s', () => {
    const s = paced('anthropic', {
      'anthropic-ratelimit-requests-limit': '50',
      'anthropic-ratelimit-requests-remaining': '49',
      'anthropic-ratelimit-requests-reset': '2025-01-12T23:11:59.200Z',
    });
    expect(s.rate).toBeCloseTo(50 / 60, 5);
  });

  it('Groq: 14,400 requests per DAY is a quota (no pace); 18,000 tokens per minute paces tokens', () => {
    const s = paced('groq', {
      'x-ratelimit-limit-requests': '14400',
      'x-ratelimit-remaining-requests': '14370',
      'x-ratelimit-reset-requests': '2m59.56s',
      'x-ratelimit-limit-tokens': '18000',
      'x-ratelimit-remaining-tokens': '17997',
      'x-ratelimit-reset-tokens': '10ms',
    });
    expect(s.rate).toBe(0);
    expect(s.pausedUntil).toBe(0);
    expect(s.tokenRate).toBe(300);
  });

  it('Groq: a spent daily quota holds the scope until its reset (at most maxPauseMs at a time)', () => {
    const s = paced('groq', {
      'x-ratelimit-limit-requests': '14400',
      'x-ratelimit-remaining-requests': '0',
      'x-ratelimit-reset-requests': '2m59.56s',
    });
    expect(s.pausedUntil).toBe(AT + Math.min(179_560, DEFAULT_TUNING.maxPauseMs));
  });

  it('Together: 10 per second with a whole-second reset → 10 req/s, not (10 − 9) ÷ 1 s', () => {
    const s = paced('together', {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '9',
      'x-ratelimit-reset': '1',
      'x-tokenlimit-limit': '2000',
      'x-tokenlimit-remaining': '1800',
    });
    expect(s.rate).toBe(10);
    expect(s.tokenRate).toBe(2000);
  });

  it('Fireworks: prompt tokens per second', () => {
    const s = paced('fireworks', {
      'x-ratelimit-limit-tokens-prompt': '6000',
      'x-ratelimit-remaining-tokens-prompt': '100',
    });
    expect(s.tokenRate).toBe(6000);
  });

  it('OpenRouter: an exhausted window with an epoch-ms reset and no window holds until the reset', () => {
    const s = paced('openrouter', {
      'X-RateLimit-Limit': '20',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(NOW_WALL + 4000),
    });
    // (20 − 0) ÷ 4 s is what the window still allows: paced at 5 req/s from an empty level.
    expect(s.rate).toBe(5);
    expect(s.level).toBe(0);
  });

  it('Mistral: an exhausted token bucket with a reset in seconds', () => {
    const s = paced('mistral', { 'ratelimitbysize-remaining': '0', 'ratelimitbysize-reset': '17' });
    expect(s.pausedUntil).toBe(AT + 17_000);
  });
});
