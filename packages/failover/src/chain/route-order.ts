import type { Throttle } from '@staunch/core';
import { waitEstimateMs } from './headroom.js';
import type { Slot, Target } from './resolve-chain.js';

/** The targets a call may visit, entering at `entry`: its priority and lower ones after it. */
export function chainFrom(targets: readonly Target[], entry: Target): Target[] {
  return targets
    .filter((t) => t.priority >= entry.priority)
    .sort((a, b) => a.priority - b.priority || Number(b === entry) - Number(a === entry) || a.order - b.order);
}

/** Estimated wait at a slot: the throttle's, then the calls the router has in flight there. */
export type ScopeOf = (target: Target, slot: Slot) => string;

/**
 * The next target among the unvisited ones: the lowest priority first; among equal priorities,
 * the one with most headroom (least estimated wait at its best open slot), then fewest calls in
 * flight, then the entry and list order (`remaining` is already in that order).
 */
export function nextTarget(
  remaining: readonly Target[],
  throttle: Throttle,
  scopeOf: ScopeOf,
  now: number,
): Target | undefined {
  const first = remaining[0];
  if (first === undefined) return undefined;
  let best = first;
  let bestScore = targetScore(first, throttle, scopeOf, now);
  for (const target of remaining) {
    if (target === first || target.priority !== first.priority) continue;
    const score = targetScore(target, throttle, scopeOf, now);
    if (score.wait < bestScore.wait || (score.wait === bestScore.wait && score.inflight < bestScore.inflight)) {
      best = target;
      bestScore = score;
    }
  }
  return best;
}

/** The target's open slots by headroom: least estimated wait, then fewest in flight, then key order. */
export function slotsByHeadroom(target: Target, throttle: Throttle, scopeOf: ScopeOf, now: number): Slot[] {
  const scored = target.slots.map((slot) => ({ slot, wait: slotWait(slot, throttle, scopeOf(target, slot), now) }));
  scored.sort((a, b) => a.wait - b.wait || a.slot.inflight - b.slot.inflight);
  return scored.map((entry) => entry.slot);
}

function targetScore(target: Target, throttle: Throttle, scopeOf: ScopeOf, now: number) {
  if (target.breaker.state === 'open') return { wait: Number.POSITIVE_INFINITY, inflight: 0 };
  let wait = Number.POSITIVE_INFINITY;
  let inflight = 0;
  for (const slot of target.slots) {
    inflight += slot.inflight;
    if (slot.breaker.state === 'open') continue;
    wait = Math.min(wait, slotWait(slot, throttle, scopeOf(target, slot), now));
  }
  return { wait, inflight };
}

/** A key whose first call is still out ranks as about one round trip away: its peers go first. */
const FIRST_ANSWER_MS = 50;

function slotWait(slot: Slot, throttle: Throttle, scope: string, now: number): number {
  const wait = waitEstimateMs(throttle, scope, now);
  return !slot.proven && slot.firstAnswer !== undefined ? Math.max(wait, FIRST_ANSWER_MS) : wait;
}
