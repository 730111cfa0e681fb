import { describe, expect, it } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import type { AttemptEvent, GiveUpEvent, RetryEvent, SuccessEvent } from './types.js';

// G19: every attempt emits one event, every retry says how long and why, and a call ends with
// exactly one of success or give-up.
function record(engine: ReturnType<typeof harness>['engine']) {
  const seen = {
    attempts: [] as AttemptEvent[],
    retries: [] as RetryEvent[],
    giveUps: [] as GiveUpEvent[],
    successes: [] as SuccessEvent[],
  };
  engine.onAttempt((event) => seen.attempts.push(event));
  engine.onRetry((event) => seen.retries.push(event));
  engine.onGiveUp((event) => seen.giveUps.push(event));
  engine.onSuccess((event) => seen.successes.push(event));
  return seen;
}

describe('engine events', () => {
  it('503, 503, 200: three attempt events, two retries with their delays, one success', async () => {
    const { clock, engine } = harness();
    const seen = record(engine);
    const transport = scripted([{ status: 503 }, { status: 503 }, { status: 200 }]);
    const result = await settle(clock, engine.execute(transport.run));

    expect(result).toMatchObject({ ok: true, status: 200, attempts: 3, value: 'attempt 3: 200' });
    expect(seen.attempts.map((event) => [event.attempt, event.status, event.reason])).toEqual([
      [1, 503, 'overloaded'],
      [2, 503, 'overloaded'],
      [3, 200, undefined],
    ]);
    expect(seen.retries.map((event) => [event.attempt, event.reason, event.waitSource])).toEqual([
      [1, 'overloaded', 'backoff'],
      [2, 'overloaded', 'backoff'],
    ]);
    // The delays announced are the delays slept.
    expect(seen.retries.map((event) => event.delayMs)).toEqual(clock.scheduled);
    expect(seen.successes).toHaveLength(1);
    expect(seen.giveUps).toHaveLength(0);
    // Both retried responses were released before sleeping (G16).
    expect(transport.discarded()).toBe(2);
  });

  it('a call that fails emits give-up once and success never', async () => {
    const { clock, engine } = harness({ maxAttempts: 3 });
    const seen = record(engine);
    const result = await settle(clock, engine.execute(scripted([{ status: 500 }]).run));

    expect(result.ok).toBe(false);
    expect(seen.attempts).toHaveLength(3);
    expect(seen.retries).toHaveLength(2);
    expect(seen.giveUps).toHaveLength(1);
    expect(seen.giveUps[0]?.error).toBe(result.ok ? undefined : result.error);
    expect(seen.successes).toHaveLength(0);
  });

  it('a retry carries the server wait as its delay and source', async () => {
    const { clock, engine } = harness();
    const seen = record(engine);
    await settle(
      clock,
      engine.execute(scripted([{ status: 429, headers: { 'retry-after': '2' } }, { status: 200 }]).run),
    );

    expect(seen.retries).toHaveLength(1);
    expect(seen.retries[0]).toMatchObject({ reason: 'rate-limit', status: 429, waitSource: 'retry-after' });
    expect(seen.retries[0]?.delayMs).toBeGreaterThanOrEqual(2000);
  });
});
