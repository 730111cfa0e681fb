import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ToldPacer } from '../src/clients/told-pacer.js';

describe('ToldPacer (the oracle spacing sends by the told rate)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function turnTimes(pacer: ToldPacer, n: number, onTurn?: (i: number) => void): Promise<number[]> {
    const start = performance.now();
    const times: number[] = [];
    const all = Array.from({ length: n }, (_, i) =>
      pacer.turn().then(() => {
        times[i] = Math.round(performance.now() - start);
        onTurn?.(i);
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(all);
    return times;
  }

  it('spaces queued callers by 1000 ÷ rate ms, the first at once', async () => {
    expect(await turnTimes(new ToldPacer(10), 4)).toEqual([0, 100, 200, 300]);
  });

  it('a rate change reaches the callers already queued, timed from the last send', async () => {
    const pacer = new ToldPacer(10);
    const times = await turnTimes(pacer, 5, (i) => {
      if (i === 1) pacer.setRate(100);
    });
    expect(times).toEqual([0, 100, 110, 120, 130]);
  });

  it('after idle time the next caller goes at once, with no catch-up burst', async () => {
    const pacer = new ToldPacer(10);
    await turnTimes(pacer, 1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await turnTimes(pacer, 3)).toEqual([0, 100, 200]);
  });

  it('close lets every waiting caller go and leaves no timer', async () => {
    const pacer = new ToldPacer(1);
    const waiting = [pacer.turn(), pacer.turn(), pacer.turn()];
    pacer.close();
    await expect(Promise.all(waiting)).resolves.toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
