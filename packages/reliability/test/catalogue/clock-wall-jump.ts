import type { PolicyInput } from '@staunch/core';
import { vi } from 'vitest';
import { callScripted, withChecks } from './clock-call.js';
import type { Case, CaseContext, Seen } from './row.js';

// G41: `Date.now()` jumps by an hour while `performance.now()` runs normally. Backoff, the call's
// deadline and the throttle read the monotonic clock only, so the jump changes nothing; a
// Retry-After in seconds is relative and waits its own length whatever the wall clock says.
const HOUR_MS = 3_600_000;
const BACKOFF_MS = 80;
/** Far below an hour, far above the waits: a wall-clock wait or deadline would show either way. */
const GENEROUS_MS = 5000;
const TIMER_SLACK_MS = 5;

/** Runs `run` with `Date.now()` shifted by `offset.ms` (changeable meanwhile), then restores it. */
async function withWallOffset<T>(run: (offset: { ms: number }) => Promise<T>): Promise<T> {
  const realNow = Date.now.bind(Date);
  const offset = { ms: 0 };
  const spy = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + offset.ms);
  try {
    return await run(offset);
  } finally {
    spy.mockRestore();
  }
}

/**
 * A 503 retried after a fixed 80 ms backoff under a 10 s deadline; the wall clock jumps by `jumpMs`
 * when the first attempt ends, so the retry decision, the backoff and the throttle all read after it.
 */
function jumpAfterFirstAttempt(jumpMs: number): (context: CaseContext) => Promise<Seen> {
  const policy: PolicyInput = { timeoutMs: 10_000, backoff: { jitter: 'none', baseMs: BACKOFF_MS, capMs: BACKOFF_MS } };
  return (context) =>
    withWallOffset(async (offset) => {
      const call = await callScripted(context, [{ status: 503 }, { status: 200 }], {
        policy,
        // Adaptive throttle and outage gate on: their clocks must not follow the wall either.
        defaults: true,
        events: (events) =>
          events.onAttempt((event) => {
            if (event.attempt === 1) offset.ms = jumpMs;
          }),
      });
      const outcome = withChecks(call.outcome, {
        'waited the backoff': call.gapMs >= BACKOFF_MS - TIMER_SLACK_MS,
        'no wall-clock wait': call.elapsedMs < GENEROUS_MS,
      });
      return { arrivals: call.arrivals, outcomes: [outcome] };
    });
}

/** A 429 with `Retry-After: 1` read an hour ahead of real time; the clock jumps two hours back during the wait. */
const retryAfterSeconds = (context: CaseContext) =>
  withWallOffset(async (offset) => {
    offset.ms = HOUR_MS;
    const call = await callScripted(context, [{ status: 429, headers: { 'retry-after': '1' } }, { status: 200 }], {
      // No positive jitter over the server's wait: it is exactly 1000 ms.
      options: { random: () => 0 },
      events: (events) =>
        events.onRetry(() => {
          offset.ms = -HOUR_MS;
        }),
    });
    const outcome = withChecks(call.outcome, {
      'waited the second': call.gapMs >= 1000 - TIMER_SLACK_MS,
      'no wall-clock wait': call.elapsedMs < GENEROUS_MS,
    });
    return { arrivals: call.arrivals, outcomes: [outcome] };
  });

export const WALL_JUMP_CASES: readonly Case[] = [
  {
    name: '+1 h after the first attempt',
    run: jumpAfterFirstAttempt(HOUR_MS),
    expect: { arrivals: 2, outcome: '200' },
  },
  {
    name: '−1 h after the first attempt',
    run: jumpAfterFirstAttempt(-HOUR_MS),
    expect: { arrivals: 2, outcome: '200' },
  },
  { name: 'Retry-After: 1 across a jump', run: retryAfterSeconds, expect: { arrivals: 2, outcome: '200' } },
];
