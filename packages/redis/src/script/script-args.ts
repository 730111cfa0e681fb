import { cubicK, type ScopeState, type ThrottleCost, type ThrottleFeedback, type ThrottleTuning } from '@staunch/core';

/** The script's ops: the learner's (throttle-lua.ts) and presence's 'h' heartbeat, 'c' count (presence-lua.ts). */
export type ScriptOp = 'a' | 'r' | 'i' | 'p' | 'h' | 'c';

/** The fields of a scope's hash, in the order `inspect` returns them. */
export const STATE_FIELDS = [
  'rate',
  'burst',
  'level',
  'tokenRate',
  'tokenBurst',
  'tokenLevel',
  'updatedAt',
  'pausedUntil',
  'window',
  'inflight',
  'lastMax',
  'epochAt',
  'successes',
  'stale',
  'phase',
  'told',
  'seen',
  'sampleAt',
  'sampled',
  'recent',
  'burstCap',
  'claimAt',
] as const satisfies readonly (keyof ScopeState)[];

/** ARGV[3..12]: the key's TTL and the learning constants, fixed for one throttle. */
export function commonArgs(ttlMs: number, tuning: ThrottleTuning): string[] {
  return [
    String(ttlMs),
    String(tuning.initialWindow),
    String(tuning.beta),
    String(tuning.c),
    String(tuning.minRatePerS),
    String(tuning.burstWindowMs),
    String(tuning.maxPauseMs),
    String(tuning.rampDoublingMs),
    String(tuning.rampHorizonMs),
    // Lua 5.1 has no cube root; `String` of a double round-trips exactly.
    String(cubicK(tuning)),
  ];
}

/** ARGV for one op: `now` is `undefined` in production (the script reads Redis's TIME). */
export function scriptArgs(op: ScriptOp, now: number | undefined, common: readonly string[], rest: string[] = []) {
  return [op, now === undefined ? '' : String(now), ...common, ...rest];
}

/** ARGV[13..15]: the cost, and '1' when a scope the acquire creates scouts (core's `AcquireOptions`). */
export function acquireArgs(cost: ThrottleCost, scout: boolean): string[] {
  return [String(cost.requests), String(cost.tokens), scout ? '1' : '0'];
}

/** Outcome letters: `s` success, `l` a rate-limit 429 (the only learning signal), `o` anything else. */
export function recordArgs(feedback: ThrottleFeedback): string[] {
  const outcome = feedback.reason === undefined ? 's' : feedback.reason === 'rate-limit' ? 'l' : 'o';
  const args = [
    feedback.cancelled ? '1' : '0',
    // A rate-limit 429's server wait rides on its letter ('l2000'): the argument positions stay.
    outcome === 'l' && feedback.retryAfterMs !== undefined ? `l${num(feedback.retryAfterMs)}` : outcome,
    String(feedback.cost.requests),
    String(feedback.rateLimits.length),
  ];
  for (const r of feedback.rateLimits) {
    args.push(r.unit === 'requests' ? 'r' : 't', num(r.limit), num(r.remaining), num(r.resetMs), num(r.windowSeconds));
  }
  return args;
}

/** The `waitMs` an acquire reply carries (0 granted, > 0 retry after, −1 wait for a release). */
export function parseWait(reply: unknown): number {
  const wait = Number(reply);
  if (typeof reply !== 'string' || !Number.isFinite(wait)) {
    throw new TypeError(`Unexpected reply from the throttle script: ${String(reply)}`);
  }
  return wait;
}

/** An `inspect` reply as a state, or `undefined` when the scope is not in Redis. */
export function parseState(reply: unknown): ScopeState | undefined {
  if (!Array.isArray(reply)) return undefined;
  const entries = STATE_FIELDS.map((field, i) => [field, Number(reply[i])] as const);
  return Object.fromEntries(entries) as unknown as ScopeState;
}

/** What presence appends to an 'a', 'r' or 'h' call (see presence-lua.ts). */
export interface PresenceTail {
  readonly id: string;
  readonly leaseMs: number;
  /** The attempts this process holds on the scope; `undefined` when it cannot know (a record, an acquire under way). */
  readonly held: number | undefined;
  /** A rebuild payload (share-state.ts), acquire only. */
  readonly rebuild: string | undefined;
}

export function presenceArgs(tail: PresenceTail): string[] {
  return [tail.id, String(tail.leaseMs), tail.held === undefined ? '' : String(tail.held), tail.rebuild ?? ''];
}

/** An unknown reading part travels as '' (Lua's `tonumber('')` is nil, like `undefined`). */
function num(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}
