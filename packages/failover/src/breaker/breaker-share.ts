import type { BreakerCause } from './breaker.js';

/**
 * A cause as it travels between processes: a `BreakerCause` whose reason is a plain string (a
 * store hands back what was written, and another version of this library may know more reasons).
 */
export type SharedCause = Omit<BreakerCause, 'reason'> & { readonly reason: string };

/** An opening another process (or this one) announced: until when, on the wall clock, and why. */
export interface SharedOpening {
  readonly untilEpochMs: number;
  readonly cause: SharedCause;
}

/** A probe's success somewhere: breakers opened before it close. */
export interface SharedClosing {
  readonly closedAtEpochMs: number;
}

/** What a share last heard of a breaker. */
export type SharedWord = SharedOpening | SharedClosing;

/**
 * Where breakers of several processes meet (the Redis throttle carries one as `breakerShare`).
 * Announcements are fire-and-forget and `heard` answers at once from what was last heard, so a
 * routing decision never waits on the network; a share that cannot reach its store keeps
 * answering with what it heard, and each process's breakers keep working on their own.
 */
export interface BreakerShare {
  /** The breaker `id` opened until `untilEpochMs`; a later opening of it is kept over an earlier one. */
  opened(id: string, opening: SharedOpening): void;
  /** A probe found the breaker's target well again at `closedAtEpochMs`: breakers opened before it close. */
  closed(id: string, closing: SharedClosing): void;
  /**
   * The last word on `id` as last heard: an opening (which replaces an earlier closing), a
   * closing (which replaces any opening), or `undefined`. Asking starts following `id`.
   */
  heard(id: string): SharedWord | undefined;
  /**
   * Optional: claims the probe that ends the opening of `id` at `atEpochMs` (a whole ms) for
   * this process. Of all processes that claim one opening's probe, the store grants it to one.
   * Fire-and-forget, like the announcements.
   */
  claimProbe?(id: string, atEpochMs: number): void;
  /** Optional: whether this process won that claim — `undefined` while the store has not answered, or could not. */
  probeClaimed?(id: string, atEpochMs: number): boolean | undefined;
}

/** The throttle's share, when it offers one (the Redis throttle), for chains that give none. */
export function breakerShareOf(throttle: unknown): BreakerShare | undefined {
  const share = (throttle as { breakerShare?: unknown } | undefined)?.breakerShare;
  return isBreakerShare(share) ? share : undefined;
}

export function isBreakerShare(value: unknown): value is BreakerShare {
  const share = value as Partial<BreakerShare> | undefined;
  return (
    typeof share === 'object' &&
    share !== null &&
    typeof share.opened === 'function' &&
    typeof share.closed === 'function' &&
    typeof share.heard === 'function'
  );
}

/** A breaker's place in a share: the share and the breaker's id there. */
export interface SharedBreaker {
  readonly share: BreakerShare;
  readonly id: string;
}
