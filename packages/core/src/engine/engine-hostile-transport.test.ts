import { describe, expect, it, vi } from 'vitest';
import { harness, settle } from '../../test/support/harness.js';
import { createEngine, headersFromRecord, VirtualClock } from '../index.js';
import type { AttemptContext, AttemptOutcome } from './types.js';

// G15: `execute` never throws, whatever the adapter's callbacks do; the result says how it ended.
describe('a misbehaving transport cannot make execute reject', () => {
  it('a transport that throws synchronously is a network outcome, and is retried', async () => {
    const { clock, engine } = harness();
    let calls = 0;
    const run = (_context: AttemptContext): Promise<AttemptOutcome<string>> => {
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed');
      return Promise.resolve({ kind: 'response', status: 200, headers: headersFromRecord({}), value: 'ok' });
    };
    const result = await settle(clock, engine.execute(run));

    expect(result).toMatchObject({ ok: true, attempts: 2, value: 'ok' });
  });

  it.each([
    ['rejects', () => Promise.reject(new Error('cancel failed'))],
    [
      'throws',
      () => {
        throw new Error('cancel failed');
      },
    ],
  ])('a discard that %s does not fail the call', async (_how, discard) => {
    const { clock, engine } = harness();
    let calls = 0;
    const run = (): Promise<AttemptOutcome<string>> => {
      calls += 1;
      const status = calls === 1 ? 503 : 200;
      return Promise.resolve({ kind: 'response', status, headers: headersFromRecord({}), value: 'x', discard });
    };
    const result = await settle(clock, engine.execute(run));

    expect(result).toMatchObject({ ok: true, attempts: 2 });
  });

  it('an error body reader that throws is read as no body', async () => {
    const { clock, engine } = harness();
    const run = (): Promise<AttemptOutcome<string>> =>
      Promise.resolve({
        kind: 'response',
        status: 401,
        headers: headersFromRecord({}),
        value: 'x',
        readErrorBody: () => Promise.reject(new Error('stream broke')),
      });
    const result = await settle(clock, engine.execute(run));

    expect(result).toMatchObject({ ok: false, attempts: 1 });
  });
});

describe('a random source that throws cannot make execute reject', () => {
  it('is reported once as an uncaught error and reads as 0: the retry goes out at once', async () => {
    const clock = new VirtualClock();
    const broken = new Error('random source failed');
    const random = () => {
      throw broken;
    };
    const engine = createEngine({
      policy: { backoff: { baseMs: 1000 } },
      clock,
      random,
      throttle: false,
      retryGate: false,
    });
    const reported: unknown[] = [];
    const queueMicrotask = vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => {
      try {
        task();
      } catch (error) {
        reported.push(error);
      }
    });
    let calls = 0;
    const delays: number[] = [];
    engine.onRetry((event) => delays.push(event.delayMs));
    try {
      const result = await settle(
        clock,
        engine.execute(() => {
          calls += 1;
          const status = calls === 1 ? 503 : 200;
          return Promise.resolve({ kind: 'response', status, headers: headersFromRecord({}), value: 'x' });
        }),
      );
      expect(result).toMatchObject({ ok: true, attempts: 2 });
    } finally {
      queueMicrotask.mockRestore();
    }
    expect(delays).toEqual([0]);
    expect(reported).toEqual([broken]);
  });
});
