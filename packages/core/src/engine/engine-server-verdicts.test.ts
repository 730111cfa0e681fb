import { describe, expect, test } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { scripted } from '../../test/support/scripted-transport.js';
import { seededRandom } from '../runtime/random.js';
import { VirtualClock } from '../runtime/virtual-clock.js';
import { createEngine } from './create-engine.js';

describe('x-should-retry', () => {
  test('when the policy obeys it, "false" stops a retryable status and "true" retries a failing one', async () => {
    const { clock, engine } = harness({ shouldRetryHeader: true, backoff: { baseMs: 1, capMs: 2 } });
    const stop = scripted([{ status: 503, headers: { 'x-should-retry': 'false' } }, { status: 200 }]);
    const stopped = await settle(clock, engine.execute(stop.run));
    expect(stop.calls).toHaveLength(1);
    expect(stopped.ok).toBe(false);

    const go = scripted([{ status: 409, headers: { 'x-should-retry': 'true' } }, { status: 200 }]);
    const retried = await settle(clock, engine.execute(go.run));
    expect(go.calls).toHaveLength(2);
    expect(retried.ok).toBe(true);
  });

  test('"true" never turns a quota or billing failure into a retry', async () => {
    const { clock, engine } = harness({ shouldRetryHeader: true });
    const body = JSON.stringify({ error: { code: 'insufficient_quota', message: 'You exceeded your quota' } });
    const transport = scripted([{ status: 429, headers: { 'x-should-retry': 'true' }, body }, { status: 200 }]);
    const result = await settle(clock, engine.execute(transport.run));
    expect(transport.calls).toHaveLength(1);
    expect(!result.ok && result.error.reason).toBe('quota');
  });

  test('by default the header is ignored', async () => {
    const { clock, engine } = harness({ backoff: { baseMs: 1, capMs: 2 } });
    const transport = scripted([{ status: 503, headers: { 'x-should-retry': 'false' } }, { status: 200 }]);
    expect((await settle(clock, engine.execute(transport.run))).ok).toBe(true);
    expect(transport.calls).toHaveLength(2);
  });
});

describe('an adapter that reports its own timeout', () => {
  test('a network outcome flagged timedOut is the timeout outcome', async () => {
    const { clock, engine } = harness({ rules: { timeout: 'fail', network: 'retry' } });
    const result = await settle(
      clock,
      engine.execute(() =>
        Promise.resolve({ kind: 'network', error: new Error('timeout of 10ms exceeded'), timedOut: true }),
      ),
    );
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(1);
    expect(!result.ok && result.error.reason).toBe('timeout');
  });
});

describe('attempt events', () => {
  test('an attempt cut off by an abort still emits its event, flagged cancelled', async () => {
    const { clock, engine } = harness();
    const events: boolean[] = [];
    engine.onAttempt((event) => events.push(event.cancelled));
    const controller = new AbortController();
    const call = engine.execute(scripted([{ hang: true }]).run, { signal: controller.signal });
    await clock.advance(10);
    controller.abort();
    const result = await settle(clock, call);
    expect(result.attempts).toBe(1);
    expect(events).toEqual([true]);
  });
});

describe('a throttle or gate that throws', () => {
  test('does not break the call; the error is reported asynchronously', async () => {
    const clock = new VirtualClock();
    const thrown: unknown[] = [];
    const onUncaught = (error: unknown): void => {
      thrown.push(error);
    };
    process.on('uncaughtException', onUncaught);
    try {
      const engine = createEngine({
        clock,
        random: seededRandom(1),
        throttle: {
          acquire: () => Promise.resolve(),
          record: () => {
            throw new Error('broken throttle');
          },
        },
        retryGate: false,
      });
      const result = await settle(clock, engine.execute(scripted([{ status: 200 }]).run));
      expect(result.ok).toBe(true);
      await new Promise((resolve) => setImmediate(resolve));
      expect(thrown).toHaveLength(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
