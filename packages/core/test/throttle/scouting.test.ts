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

describe("the scout's answer sizes slow start when its headers state no pace", () => {
  // OpenAI's headers from a server whose reset means "until the next request fits": 1200 a
  // minute, 4 left, reset 0 — no pace to read (limit ÷ window alone, beside no reset, is none).
  const reading = (remaining: number, windowSeconds = 60) => ({
    unit: 'requests' as const,
    limit: 1200,
    remaining,
    resetMs: 0,
    windowSeconds,
  });
  const scoutAnswered = (rateLimits: ReturnType<typeof reading>[], reason?: 'rate-limit') => {
    const s = acquireStep(initialScopeState(0, T, true), 0, ONE, T).state;
    return recordStep(s, 20, feedback(reason, { rateLimits }), T);
  };

  it('at most `remaining` in flight, at least one', () => {
    expect(scoutAnswered([reading(4)]).window).toBe(4);
    expect(scoutAnswered([reading(0)]).window).toBe(1);
    expect(scoutAnswered([reading(50)]).window).toBe(T.initialWindow);
  });

  it('a quota (a day’s requests) does not size it; a later answer does not either', () => {
    expect(scoutAnswered([reading(3, 86_400)]).window).toBe(T.initialWindow);
    const opened = scoutAnswered([]);
    const later = recordStep(
      acquireStep(opened, 30, ONE, T).state,
      40,
      feedback(undefined, { rateLimits: [reading(2)] }),
      T,
    );
    expect(later.window).toBe(T.initialWindow + 1);
  });

  it('a 429 on the scout starts the ramp as before', () => {
    expect(scoutAnswered([reading(0)], 'rate-limit').phase).not.toBe(0);
  });

  // Before: 3–6 429s in the first second at each of these points (slow start's blind window of 8).
  it.each([
    [8, 5],
    [20, 5],
    [25, 3],
    [120, 5],
  ] as const)(
    'rate %i, burst %i: no 429 in the first second, at the limit after (simulated, 32 callers)',
    async (rate, burst) => {
      const r = await runScenario({
        requests: rate * 6,
        concurrency: 32,
        ratePerS: rate,
        burst,
        hint: 'openai',
        resetMeaning: 'next',
        policy: perMinutePolicy,
        seed: 7,
        stepMs: 1,
      });
      expect(r.server.arrivals.filter((a) => a.status === 429 && a.at < 1000)).toEqual([]);
      expect(r.failed).toBe(0);
      expect(r.goodput).toBeGreaterThanOrEqual(0.95);
    },
  );
});
