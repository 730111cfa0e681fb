import type { PolicyInput } from '@staunch/core';
import { vi } from 'vitest';
import { withChecks } from './clock-call.js';
import type { Case, CaseContext, Seen } from './row.js';

// G43: a caller's test suite installs fake timers after Staunch was imported (vitest's defaults:
// everything but nextTick and queueMicrotask). Staunch looks the timer functions up on every
// call, so a 30 s backoff passes when the caller advances its fake clock, while the requests
// themselves still travel over real loopback sockets.
const BACKOFF_MS = 30_000;
const policy: PolicyInput = { backoff: { jitter: 'none', baseMs: BACKOFF_MS, capMs: BACKOFF_MS } };
/** Real time allowed for each loopback step; the fake clock cannot help there. */
const REAL_STEP_MS = 5000;

// Taken at import, before any test fakes them: the guard below must run on real time.
const real = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };

const realSleep = (ms: number) => new Promise<void>((resolve) => real.setTimeout(resolve, ms));
/** Real time for a retry sent too early to reach the server before arrivals are counted. */
const LOOPBACK_MS = 50;

/** `promise`, or `'stuck'` after `ms` of real time. */
function orStuck<T>(promise: Promise<T>, ms: number): Promise<T | 'stuck'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<'stuck'>((resolve) => {
    timer = real.setTimeout(() => resolve('stuck'), ms);
  });
  return Promise.race([promise, stuck]).finally(() => real.clearTimeout(timer));
}

async function backoffUnderFakeTimers({ id, servers, send }: CaseContext): Promise<Seen> {
  servers.fault.script(id, [{ status: 503 }, { status: 200 }]);
  vi.useFakeTimers();
  try {
    let backoffStarted = (): void => undefined;
    const retrying = new Promise<'retrying'>((resolve) => {
      backoffStarted = () => resolve('retrying');
    });
    const call = send({
      url: `${servers.fault.url}/s/${id}/v1/chat/completions`,
      policy,
      events: (events) => events.onRetry(() => backoffStarted()),
    });
    // The first attempt and its 503 go over real sockets; only then does the fake backoff start.
    const started = await orStuck(retrying, REAL_STEP_MS);
    if (started === 'stuck') return { arrivals: servers.fault.arrivals(id), outcomes: ['first attempt stuck'] };
    await vi.advanceTimersByTimeAsync(BACKOFF_MS - 1);
    await realSleep(LOOPBACK_MS);
    const early = servers.fault.arrivals(id) === 1;
    await vi.advanceTimersByTimeAsync(1);
    const outcome = await orStuck(call, REAL_STEP_MS);
    return { arrivals: servers.fault.arrivals(id), outcomes: [withChecks(outcome, { 'waited the backoff': early })] };
  } finally {
    vi.useRealTimers();
  }
}

export const FAKE_TIMER_CASES: readonly Case[] = [
  {
    name: "30 s backoff on the caller's fake clock",
    run: backoffUnderFakeTimers,
    expect: { arrivals: 2, outcome: '200' },
  },
];
