import { describe, expect, it } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import { isDeadlineError, isRetryAfterTooLongError } from '../index.js';
import { MIN_ATTEMPT_BUDGET_MS } from './decide.js';

// G4: the attempt timeout turns a silent transport into a retryable `timeout` outcome; the call
// deadline bounds everything, waits included.
describe('timeouts', () => {
  it('an attempt timeout yields a timeout outcome that is retried', async () => {
    const { clock, engine } = harness({ attemptTimeoutMs: 1000 });
    const reasons: unknown[] = [];
    engine.onAttempt((event) => reasons.push(event.reason));
    const transport = scripted([{ hang: true }, { status: 200 }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(reasons).toEqual(['timeout', undefined]);
    expect(transport.calls[0]?.signal.aborted).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('the deadline ends a call whose transport never answers: DeadlineError at exactly timeoutMs', async () => {
    const { clock, engine } = harness({ timeoutMs: 5000 });
    const transport = scripted([{ hang: true }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(isDeadlineError(result.ok ? undefined : result.error)).toBe(true);
    expect(result.elapsedMs).toBe(5000);
    expect(transport.calls).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('retries until the deadline, never starting an attempt without time left, then DeadlineError', async () => {
    const { clock, engine } = harness({ timeoutMs: 3000, maxAttempts: 100, backoff: { baseMs: 200, capMs: 1000 } });
    const starts: number[] = [];
    const transport = scripted([{ status: 503 }]);
    const result = await settle(
      clock,
      engine.execute((context) => {
        starts.push(clock.now());
        return transport.run(context);
      }),
    );

    expect(result.ok).toBe(false);
    expect(isDeadlineError(result.ok ? undefined : result.error)).toBe(true);
    expect(starts.length).toBeGreaterThan(2);
    // Near the deadline, a delay clamped to the time left must not become a burst of instant resends.
    expect(starts.length).toBeLessThan(20);
    for (const start of starts) expect(start).toBeLessThanOrEqual(3000 - MIN_ATTEMPT_BUDGET_MS);
    expect(result.elapsedMs).toBeLessThanOrEqual(3000);
  });

  it('a server wait past the deadline fails at once with RetryAfterTooLongError', async () => {
    const { clock, engine } = harness({ timeoutMs: 5000 });
    const transport = scripted([{ status: 429, headers: { 'retry-after': '10' } }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(isRetryAfterTooLongError(result.ok ? undefined : result.error)).toBe(true);
    expect(transport.calls).toHaveLength(1);
    expect(clock.scheduled).toEqual([5000]);
  });
});
