import { describe, expect, it } from 'vitest';
import {
  acquireStep,
  createAdaptiveThrottle,
  DEFAULT_TUNING,
  initialScopeState,
  isScouting,
  recordStep,
  SCOUT_MS,
  VirtualClock,
} from '../../src/index.js';
import { feedback } from './support/feedback.js';
import { runScenario } from './support/run-scenario.js';
import { perMinutePolicy } from './support/sim-policies.js';

const ONE = { requests: 1, tokens: 0 };
const T = DEFAULT_TUNING;

describe('a scouting scope (pure steps)', () => {
  it('sends one attempt, holds the rest for its answer, then opens slow start’s window', () => {
    let s = initialScopeState(0, T, true);
    expect(isScouting(s, T)).toBe(true);
    s = acquireStep(s, 0, ONE, T).state;
    const held = acquireStep(s, 40, ONE, T);
    expect(held.waitMs).toBe(SCOUT_MS - 40);
    s = recordStep(held.state, 60, feedback(undefined), T);
    expect(isScouting(s, T)).toBe(false);
    expect(s.window).toBe(T.initialWindow);
    // The scout ran alone by the throttle's choice: it says nothing of a concurrency cap.
    expect(s.seen).toBe(0);
    expect(acquireStep(s, 60, ONE, T).waitMs).toBe(0);
  });

  it('stops waiting for an answer SCOUT_MS after the scope began', () => {
    let s = acquireStep(initialScopeState(0, T, true), 0, ONE, T).state;
    const late = acquireStep(s, SCOUT_MS, ONE, T);
    expect(late.waitMs).toBe(0);
    s = late.state;
    expect(s.window).toBe(T.initialWindow);
    expect(s.inflight).toBe(2);
  });

  it('a cancelled scout leaves the scope scouting: the next attempt scouts again', () => {
    let s = acquireStep(initialScopeState(0, T, true), 0, ONE, T).state;
    s = recordStep(s, 10, feedback(undefined, { cancelled: true }), T);
    expect(isScouting(s, T)).toBe(true);
    expect(acquireStep(s, 10, ONE, T).waitMs).toBe(0);
  });

  it('a scope created without `scout` starts at the initial window', () => {
    const s = initialScopeState(0, T);
    expect(isScouting(s, T)).toBe(false);
    expect(s.window).toBe(T.initialWindow);
  });

  it('the throttle scouts only a scope an acquire with `scout` creates', async () => {
    const clock = new VirtualClock();
    const throttle = createAdaptiveThrottle({ clock });
    await throttle.acquire('a', ONE, undefined, { scout: true });
    let second = false;
    void throttle.acquire('a', ONE, undefined, { scout: true }).then(() => {
      second = true;
    });
    await clock.advance(SCOUT_MS - 1);
    expect(second).toBe(false);
    throttle.record('a', feedback(undefined));
    await clock.advance(0);
    expect(second).toBe(true);
    await throttle.acquire('b', ONE);
    await throttle.acquire('b', ONE);
    expect(throttle.inspect('b')?.inflight).toBe(2);
  });
});

describe('scouting against a small bucket that states its limits (virtual clock)', () => {
  // A bucket of `burst` refilling at `rate`, OpenAI's headers on every answer; 32 callers at once.
  const firstSecond429s = async (rate: number, burst: number, headers: boolean): Promise<number> => {
    const r = await runScenario({
      requests: 40,
      concurrency: 32,
      ratePerS: rate,
      burst,
      serviceMs: [10, 30],
      hint: 'openai',
      seed: 7,
      ...(headers && { policy: perMinutePolicy }),
      stepMs: 1,
    });
    return r.server.arrivals.filter((a) => a.status === 429 && a.at < 1000).length;
  };

  for (const [rate, burst] of [
    [8, 1],
    [8, 5],
    [25, 5],
    [120, 5],
    [20, 3],
  ] as const) {
    it(`rate ${rate}, burst ${burst}: no 429 in the first second where a policy reads the headers`, async () => {
      expect(await firstSecond429s(rate, burst, true)).toBe(0);
    });
  }

  it('without a header policy, slow start’s blind first volley meets 429s on the same server', async () => {
    expect(await firstSecond429s(25, 5, false)).toBeGreaterThan(0);
  });
});
