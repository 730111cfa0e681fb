import { describe, expect, it } from 'vitest';
import { inBandError } from './in-band-error.js';

// The in-band forms of providers.md §14, one per provider family.
describe('inBandError', () => {
  it.each([
    [
      'OpenAI Chat data error',
      'message',
      '{"error":{"message":"boom","type":"server_error","code":null}}',
      'server-error',
    ],
    [
      'Anthropic event: error',
      'error',
      '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
      'overloaded',
    ],
    [
      'Responses response.failed',
      'message',
      '{"type":"response.failed","response":{"error":{"code":"rate_limit_exceeded","message":"slow"}}}',
      'rate-limit',
    ],
    ['OpenRouter numeric code', 'message', '{"error":{"code":502,"message":"upstream"},"choices":[]}', 'server-error'],
    ['Gemini status', 'message', '{"error":{"code":503,"status":"UNAVAILABLE","message":"busy"}}', 'overloaded'],
    ['a bare string error', 'message', '{"error":"went wrong"}', 'unknown'],
    ['finish_reason error', 'message', '{"choices":[{"delta":{},"finish_reason":"error"}]}', 'unknown'],
  ])('%s', (_name, event, data, reason) => {
    expect(inBandError({ event, data })?.reason).toBe(reason);
  });

  it.each([
    ['a content chunk', '{"choices":[{"delta":{"content":"hi"},"finish_reason":null}]}'],
    ['an explicit null error', '{"error":null,"choices":[]}'],
    ['the end marker', '[DONE]'],
    ['text that is not JSON', '{not json'],
  ])('%s is not an error', (_name, data) => {
    expect(inBandError({ event: 'message', data })).toBeUndefined();
  });

  it('clips a huge provider message', () => {
    const error = inBandError({ event: 'error', data: JSON.stringify({ error: { message: 'm'.repeat(10_000) } }) });
    expect(error?.message?.length).toBeLessThanOrEqual(501);
  });
});
