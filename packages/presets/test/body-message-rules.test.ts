import { expect, test } from 'vitest';
import { anthropicError, classify, openaiError } from './support/error-bodies.js';

// Message rules beyond one body each: per-day waits, ties between rules, where the words must be.

test('per-day caps allow one retry only, for a wait short enough to sit out', () => {
  for (const [preset, message] of [
    ['groq', 'on tokens per day (TPD): Limit 100000, Used 99990, Requested 20. Please try again in 8.64s.'],
    ['openai', 'on requests per day (RPD): Limit 200, Used 200, Requested 1. Please try again in 7m12s.'],
  ] as const) {
    const rule = classify(preset, 429, openaiError(`Rate limit reached ${message}`, 'tokens', 'rate_limit_exceeded'));
    expect(rule.maxAttempts, preset).toBe(2);
  }
});

test('OpenAI: a request too large for a daily bucket is still too large, not a wait', () => {
  // Both message rules match; the rule declared first in the preset wins the tie.
  const rule = classify(
    'openai',
    429,
    openaiError(
      'Request too large for gpt-4o in organization org-xxx on tokens per day (TPD): Limit 90000, Requested 120000.',
      'tokens',
      'rate_limit_exceeded',
    ),
  );
  expect(rule.reason).toBe('too-large');
});

test('a message rule matches the words anywhere in the message, in any case', () => {
  const shouted = anthropicError('YOUR CREDIT BALANCE IS TOO LOW TO ACCESS THE ANTHROPIC API.');
  expect(classify('anthropic', 400, shouted).reason).toBe('billing');
  // The words must be in the message, not elsewhere in the body.
  const elsewhere = JSON.stringify({
    type: 'error',
    error: { type: 'invalid_request_error', message: 'bad input', param: 'credit balance is too low' },
  });
  expect(classify('anthropic', 400, elsewhere).reason).toBe('invalid-request');
});
