import { VirtualClock } from '@staunch/core';
import Bottleneck from 'bottleneck';
import { describe, expect, it, vi } from 'vitest';
import { throttleFromBottleneck } from '../src/index.js';
import { feedback } from './support/feedback.js';

const ONE = { requests: 1, tokens: 0 };
const settled = (promise: Promise<unknown>) => {
  const state = { done: false, promise };
  void promise.then(() => {
    state.done = true;
  });
  return state;
};
const tick = () => new Promise((resolve) => setTimeout(resolve, 20));
/** Bottleneck schedules on real timers: allow a loaded machine 2 s, not one 20 ms tick. */
const doneWithin = (state: ReturnType<typeof settled>, ms = 2000) =>
  Promise.race([state.promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(resolve, ms, false))]);

/** Slow start then a 429: core's learner moves from 8 successes to a paced ramp. */
function learn(throttle: ReturnType<typeof throttleFromBottleneck>, clock: VirtualClock) {
  return async () => {
    for (let i = 0; i < 8; i++) await throttle.acquire('k', ONE);
    await clock.advance(100);
    for (let i = 0; i < 7; i++) throttle.record('k', feedback(undefined));
    throttle.record('k', feedback('rate-limit'));
  };
}

describe('throttleFromBottleneck', () => {
  it('holds each job until its record, so the limiter’s maxConcurrent counts attempts in flight', async () => {
    const limiter = new Bottleneck({ maxConcurrent: 2 });
    const throttle = throttleFromBottleneck(limiter);
    await throttle.acquire('k', ONE);
    await throttle.acquire('k', ONE);
    const third = settled(throttle.acquire('k', ONE));
    await tick();
    expect(third.done).toBe(false);
    throttle.record('k', feedback(undefined));
    expect(await doneWithin(third)).toBe(true);
    throttle.record('k', feedback(undefined));
    throttle.record('k', feedback(undefined));
    await limiter.stop({ dropWaitingJobs: true });
  });

  it('writes the rate learned from a 429 back as minTime, and the limiter paces by it', async () => {
    const clock = new VirtualClock();
    const limiter = new Bottleneck({ maxConcurrent: null });
    const update = vi.spyOn(limiter, 'updateSettings');
    const throttle = throttleFromBottleneck(limiter, { clock });
    await learn(throttle, clock)();
    // The ramp starts at 7 successes over 100 ms + the 100 ms horizon: 35 req/s → 29 ms apart.
    expect(throttle.inspect('k')).toMatchObject({ phase: 1, rate: 35 });
    expect(update).toHaveBeenCalledWith({ minTime: 29 });
    const began = performance.now();
    await throttle.acquire('k', ONE);
    await throttle.acquire('k', ONE);
    await throttle.acquire('k', ONE);
    expect(performance.now() - began).toBeGreaterThanOrEqual(50);
    for (let i = 0; i < 3; i++) throttle.record('k', feedback(undefined));
    await limiter.stop({ dropWaitingJobs: true });
  });

  it('an exhausted bucket with a reset empties the reservoir until the reset, then lifts it', async () => {
    const clock = new VirtualClock();
    const limiter = new Bottleneck();
    const update = vi.spyOn(limiter, 'updateSettings');
    const throttle = throttleFromBottleneck(limiter, { clock });
    await throttle.acquire('k', ONE);
    const exhausted = {
      unit: 'requests' as const,
      limit: undefined,
      remaining: 0,
      resetMs: 2000,
      windowSeconds: undefined,
    };
    throttle.record('k', feedback('rate-limit', [exhausted]));
    expect(update).toHaveBeenLastCalledWith(expect.objectContaining({ reservoir: 0 }));
    await clock.advance(1999);
    expect(update).toHaveBeenCalledTimes(1);
    await clock.advance(1);
    expect(update).toHaveBeenLastCalledWith({ reservoir: null });
    await limiter.stop({ dropWaitingJobs: true });
  });

  it('an abort rejects at once; the job Bottleneck still runs later returns without holding a slot', async () => {
    const limiter = new Bottleneck({ maxConcurrent: 1 });
    const throttle = throttleFromBottleneck(limiter);
    await throttle.acquire('k', ONE);
    const controller = new AbortController();
    const aborted = throttle.acquire('k', ONE, controller.signal);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    throttle.record('k', feedback(undefined));
    // The abandoned job runs and finishes at once, so the next acquire is not blocked behind it.
    const next = settled(throttle.acquire('k', ONE));
    expect(await doneWithin(next)).toBe(true);
    throttle.record('k', feedback(undefined));
    await limiter.stop({ dropWaitingJobs: true });
  });
});
