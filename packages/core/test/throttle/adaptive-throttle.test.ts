import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createAdaptiveThrottle, isQueueFullError, VirtualClock } from '../../src/index.js';
import { feedback } from './support/feedback.js';

const ONE = { requests: 1, tokens: 0 };
const settled = async (promise: Promise<unknown>): Promise<'resolved' | unknown> => {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error;
  }
};

type Adaptive = ReturnType<typeof createAdaptiveThrottle>;

/** Acquires, moving virtual time as far as the throttle needs. */
async function acquireNow(clock: VirtualClock, throttle: Adaptive, scope: string): Promise<void> {
  const granted = throttle.acquire(scope, ONE);
  await clock.runAll();
  await granted;
}

/** A scope past slow start: eight successes, then a rate-limit 429. */
async function learned(clock: VirtualClock, throttle: Adaptive, scope: string): Promise<void> {
  for (let i = 0; i < 8; i++) await acquireNow(clock, throttle, scope);
  for (let i = 0; i < 7; i++) throttle.record(scope, feedback(undefined));
  await clock.advance(50);
  throttle.record(scope, feedback('rate-limit'));
  await clock.advance(1000);
}

/** A collected heap figure: V8's gc() exposed for this process only. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

describe('the adaptive throttle', () => {
  it('aborting a queued waiter frees its place at once and leaves no timer or listener', async () => {
    const clock = new VirtualClock();
    const throttle = createAdaptiveThrottle({ clock, tuning: { initialWindow: 1 } });
    await throttle.acquire('a', ONE);
    const controller = new AbortController();
    const first = throttle.acquire('a', ONE, controller.signal);
    const second = throttle.acquire('a', ONE);
    expect(throttle.queued('a')).toBe(2);
    controller.abort(new Error('stop'));
    expect(throttle.queued('a')).toBe(1);
    expect(await settled(first)).toMatchObject({ message: 'stop' });
    throttle.record('a', feedback(undefined));
    expect(await settled(second)).toBe('resolved');
    expect(throttle.queued('a')).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('holds its queue bound under 100,000 waiters: the overflow gets QueueFullError at once', async () => {
    const clock = new VirtualClock();
    const throttle = createAdaptiveThrottle({ clock, maxQueue: 1000, tuning: { initialWindow: 1 } });
    await throttle.acquire('a', ONE);
    const controller = new AbortController();
    const heapBefore = heapAfterGc();
    let refused = 0;
    const waiting: Promise<unknown>[] = [];
    for (let i = 0; i < 100_000; i++) {
      const promise = throttle.acquire('a', ONE, controller.signal);
      if (throttle.queued('a') === 1000 && waiting.length === 1000) {
        promise.catch((error: unknown) => {
          if (isQueueFullError(error)) refused += 1;
        });
      } else waiting.push(promise.catch(() => {}));
    }
    await Promise.resolve();
    await Promise.resolve();
    expect(refused).toBe(99_000);
    expect(throttle.queued('a')).toBe(1000);
    expect(heapAfterGc() - heapBefore).toBeLessThan(20 * 1024 * 1024);
    controller.abort();
    await Promise.all(waiting);
    expect(throttle.queued('a')).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('keeps two scopes independent: a 429 on A does not slow B', async () => {
    const clock = new VirtualClock();
    const throttle = createAdaptiveThrottle({ clock });
    await learned(clock, throttle, 'a');
    expect(throttle.inspect('a')?.rate).toBeGreaterThan(0);
    const b = throttle.inspect('b');
    expect(b).toBeUndefined();
    for (let i = 0; i < 8; i++) await throttle.acquire('b', ONE);
    expect(throttle.inspect('b')).toMatchObject({ rate: 0, phase: 0, inflight: 8 });
  });

  it('a quota 429 and transient 503s leave the learned rate alone', async () => {
    const clock = new VirtualClock();
    const throttle = createAdaptiveThrottle({ clock });
    await learned(clock, throttle, 'a');
    const rate = throttle.inspect('a')?.rate;
    for (const reason of ['quota', 'overloaded', 'server-error', 'network'] as const) {
      await acquireNow(clock, throttle, 'a');
      throttle.record('a', feedback(reason));
      await clock.advance(1000);
    }
    expect(throttle.inspect('a')?.rate).toBe(rate);
  });

  it('evicts idle scopes', async () => {
    const clock = new VirtualClock();
    const throttle = createAdaptiveThrottle({ clock, idleEvictMs: 10_000 });
    await throttle.acquire('a', ONE);
    throttle.record('a', feedback(undefined));
    await clock.advance(10_000);
    await throttle.acquire('b', ONE);
    expect(throttle.inspect('a')).toBeUndefined();
    expect(throttle.scopes).toBe(1);
  });

  it('paces waiters FIFO at the learned rate, and clears its timer when the queue empties', async () => {
    const clock = new VirtualClock();
    const throttle = createAdaptiveThrottle({ clock });
    await learned(clock, throttle, 'a');
    const order: number[] = [];
    const all = Array.from({ length: 5 }, (_, i) => throttle.acquire('a', ONE).then(() => order.push(i)));
    await clock.runAll();
    await Promise.all(all);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(clock.pending).toBe(0);
  });

  it('rejects an acquire whose signal is already aborted', async () => {
    const throttle = createAdaptiveThrottle({ clock: new VirtualClock() });
    const reason = new Error('gone');
    expect(await settled(throttle.acquire('a', ONE, AbortSignal.abort(reason)))).toBe(reason);
  });
});
