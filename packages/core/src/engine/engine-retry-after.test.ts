import { describe, expect, it } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import { isRetryAfterTooLongError, MAX_TIMER_MS } from '../index.js';

// G2: a server wait is honoured (never shortened), and one beyond maxRetryAfterMs fails fast
// with `retryAt` instead of a silent long sleep.
describe('server-requested waits', () => {
  it('Retry-After: 99999 fails after one attempt with retryAt = now + 99,999 s', async () => {
    const { clock, engine } = harness();
    const transport = scripted([{ status: 429, headers: { 'retry-after': '99999' } }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(transport.calls).toHaveLength(1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(isRetryAfterTooLongError(result.error)).toBe(true);
    expect(result.error.retryAt).toBe(clock.wallNow() + 99_999_000);
    expect(clock.scheduled).toEqual([]);
  });

  it.each(['99999999999', '9'.repeat(400)])('Retry-After: %s never schedules an overflowing timer', async (value) => {
    const { clock, engine } = harness();
    const result = await settle(
      clock,
      engine.execute(scripted([{ status: 503, headers: { 'retry-after': value } }]).run),
    );

    expect(isRetryAfterTooLongError(result.ok ? undefined : result.error)).toBe(true);
    for (const delay of clock.scheduled) expect(delay).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('an HTTP-date 40 days ahead fails fast too', async () => {
    const { clock, engine } = harness();
    const date = new Date(clock.wallNow() + 40 * 86_400_000).toUTCString();
    const result = await settle(
      clock,
      engine.execute(scripted([{ status: 503, headers: { 'retry-after': date } }]).run),
    );

    expect(result.ok ? undefined : result.error.retryAt).toBe(clock.wallNow() + 40 * 86_400_000);
  });

  it.each(['1', '3', '30'])('Retry-After: %s s is waited in full (plus at most 20 %% spread)', async (seconds) => {
    const asked = Number(seconds) * 1000;
    const { clock, engine } = harness();
    const transport = scripted([{ status: 429, headers: { 'retry-after': seconds } }, { status: 200 }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(clock.scheduled).toHaveLength(1);
    expect(clock.scheduled[0]).toBeGreaterThanOrEqual(asked);
    expect(clock.scheduled[0]).toBeLessThanOrEqual(asked * 1.2);
  });

  it('a malformed Retry-After falls back to backoff instead of disabling the retry', async () => {
    const { clock, engine } = harness({ backoff: { capMs: 1000 } });
    const transport = scripted([{ status: 503, headers: { 'retry-after': 'Infinity' } }, { status: 200 }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(clock.scheduled[0]).toBeLessThanOrEqual(1000);
  });

  it('honorRetryAfter: false ignores the header', async () => {
    const { clock, engine } = harness({
      backoff: { capMs: 1000 },
      rules: { '503': { action: 'retry', honorRetryAfter: false } },
    });
    const transport = scripted([{ status: 503, headers: { 'retry-after': '99999' } }, { status: 200 }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });
});
