import type { PolicyInput } from '@staunch/core';
import { callScripted, withChecks } from './clock-call.js';
import type { Case, CaseContext, Seen } from './row.js';

// G42: the event loop is blocked for 2 s while a 20 ms backoff is pending. The timer fires late,
// once: exactly one more attempt, and the call ends normally.
const BLOCK_MS = 2000;
const BACKOFF_MS = 20;
const policy: PolicyInput = { backoff: { jitter: 'none', baseMs: BACKOFF_MS, capMs: BACKOFF_MS } };

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Synchronous work: nothing else runs meanwhile.
  }
}

async function blockDuringBackoff(context: CaseContext): Promise<Seen> {
  const call = await callScripted(context, [{ status: 503 }, { status: 200 }], {
    policy,
    // This 0 ms timer fires first, while the 20 ms backoff timer the engine sets right after the event is pending.
    events: (events) => events.onRetry(() => void setTimeout(() => busyFor(BLOCK_MS), 0)),
  });
  const outcome = withChecks(call.outcome, { 'blocked during the backoff': call.gapMs >= BLOCK_MS });
  return { arrivals: call.arrivals, outcomes: [outcome] };
}

export const CPU_BLOCK_CASES: readonly Case[] = [
  { name: '2 s block in a 20 ms backoff', run: blockDuringBackoff, expect: { arrivals: 2, outcome: '200' } },
];
