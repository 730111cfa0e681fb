import { describe, expect, it } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import { isHttpError, isRetriesExhaustedError } from '../index.js';

// G10 through the engine: a fail-fast rule ends the call on the first attempt, with the rule's
// hint and the provider's code, and keeps the response for the caller.
describe('fail-fast rules', () => {
  it('401 fails at once with HttpError carrying status, provider, reason, hint and code', async () => {
    const { clock, engine } = harness();
    const body = JSON.stringify({ error: { code: 'invalid_api_key', message: 'Incorrect API key provided' } });
    const transport = scripted([{ status: 401, body }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(transport.calls).toHaveLength(1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(isHttpError(result.error)).toBe(true);
    expect(result.error).toMatchObject({
      status: 401,
      provider: 'default',
      reason: 'auth',
      code: 'invalid_api_key',
      attempts: 1,
      providerMessage: 'Incorrect API key provided',
      hint: engine.policy.rules['401']?.hint,
    });
    expect(result.error.hint).toMatch(/API key/);
    expect(result).toMatchObject({ hasValue: true, value: 'attempt 1: 401' });
  });

  it('a custom rule hint and reason reach the error', async () => {
    const { clock, engine } = harness({
      name: 'acme',
      rules: { '400:context_length_exceeded': { action: 'fail', reason: 'context-length', hint: 'Shorten it.' } },
    });
    const body = JSON.stringify({ error: { code: 'context_length_exceeded' } });
    const result = await settle(clock, engine.execute(scripted([{ status: 400, body }]).run));

    expect(result.ok ? undefined : result.error).toMatchObject({
      provider: 'acme',
      reason: 'context-length',
      hint: 'Shorten it.',
      code: 'context_length_exceeded',
    });
  });

  it('a 429 with a quota code fails fast with reason "quota" instead of retrying', async () => {
    const { clock, engine } = harness();
    const body = JSON.stringify({ error: { type: 'insufficient_quota', message: 'You exceeded your quota' } });
    const transport = scripted([{ status: 429, body, headers: { 'retry-after': '1' } }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(transport.calls).toHaveLength(1);
    expect(result.ok ? undefined : result.error).toMatchObject({ status: 429, reason: 'quota' });
  });

  it('a non-replayable call makes one attempt even when the outcome is retryable', async () => {
    const { clock, engine } = harness();
    const transport = scripted([{ status: 503 }, { status: 200 }]);
    const result = await settle(clock, engine.execute(transport.run, { replayable: false }));

    expect(transport.calls).toHaveLength(1);
    expect(result.ok).toBe(false);
    expect(isRetriesExhaustedError(result.ok ? undefined : result.error)).toBe(true);
  });
});
