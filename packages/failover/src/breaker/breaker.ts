import type { Clock, Reason } from '@staunch/core';
import type { ResolvedBreakerOptions } from './breaker-options.js';
import type { SharedBreaker } from './breaker-share.js';
import { FailureWindow } from './failure-window.js';

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Why a breaker is open: what the last failure meant, and what a person can do about it. */
export interface BreakerCause {
  readonly reason: Reason | 'open';
  readonly status?: number | undefined;
  readonly hint?: string | undefined;
  /** Epoch ms the server said a retry may succeed, when it said. */
  readonly retryAt?: number | undefined;
}

/** Leave to send one call; exactly one of the breaker's outcome methods settles it. */
export interface Permit {
  readonly probe: boolean;
}

/**
 * One circuit breaker: closed → open on `consecutiveFailures` in a row or on `failureRatio` of
 * at least `minimumCount` calls over `windowMs`; open → half-open after `openMs`; half-open lets
 * one probe through at a time (concurrent callers are refused as if open); the probe closes it or
 * opens it again for twice as long, up to `maxOpenMs`. A hold (quota, credit, auth) opens it for
 * `holdMs` or until the server's time, and keeps the cause for the error that lists it.
 *
 * Shared (a `BreakerShare`, e.g. through Redis): each opening is announced, and an opening another
 * process announced opens this breaker too, until the same instant, with its cause; a probe's
 * success closes it everywhere. Failures are counted per process. Each opening's probe is
 * claimed in the share (when it takes claims): the process that won it probes, the others stay
 * open for up to `openMs` more, waiting for its word (a closing, or the longer opening of a
 * failed probe), then probe themselves; a share that has not answered the claim leaves each
 * process its own probe.
 */
export class Breaker {
  #state: 'closed' | 'open' = 'closed';
  #openUntil = 0;
  #reopens = 0;
  #consecutive = 0;
  #probeOut = false;
  #cause: BreakerCause | undefined;
  /** While open on another process's word: the wall-clock end of that opening. */
  #heardUntil: number | undefined;
  /** The wall-clock end of this breaker's own last announced opening (the share echoes it back). */
  #toldUntil: number | undefined;
  /** When it last opened, on the wall clock: a closing heard after it closes it. */
  #openedAtWall = 0;
  /** The wall-clock end (whole ms) of the opening whose probe this breaker claimed in the share. */
  #claimAt: number | undefined;
  readonly #window: FailureWindow;

  constructor(
    readonly options: ResolvedBreakerOptions,
    readonly clock: Clock,
    readonly shared?: SharedBreaker,
  ) {
    this.#window = new FailureWindow(options.windowMs);
    // Asking starts the share following this breaker, so what others said is known by its first call.
    shared?.share.heard(shared.id);
  }

  get state(): BreakerState {
    if (this.shared !== undefined) this.#listen(this.shared);
    if (this.#state === 'closed') return 'closed';
    return this.clock.now() < this.#openUntil || this.#probedElsewhere() ? 'open' : 'half-open';
  }

  /** Another process won this opening's probe, and its word may still come. */
  #probedElsewhere(): boolean {
    const at = this.#claimAt;
    if (at === undefined || this.shared === undefined) return false;
    const { share, id } = this.shared;
    return share.probeClaimed?.(id, at) === false && this.clock.wallNow() < at + this.options.openMs;
  }

  /** Monotonic ms when an open breaker lets its next probe through. */
  get openUntil(): number {
    return this.#state === 'open' ? this.#openUntil : 0;
  }

  /** What opened it, while it is not closed. */
  get cause(): BreakerCause | undefined {
    return this.#state === 'open' ? this.#cause : undefined;
  }

  /** Leave to call, or `undefined` when open, or half-open with its probe out. */
  tryAcquire(): Permit | undefined {
    const state = this.state;
    if (state === 'closed') return { probe: false };
    if (state === 'open' || this.#probeOut) return undefined;
    this.#probeOut = true;
    return { probe: true };
  }

  success(permit: Permit): void {
    if (permit.probe) {
      this.#probeOut = false;
      this.#close();
      return;
    }
    if (this.#state !== 'closed') return;
    this.#consecutive = 0;
    this.#window.add(this.clock.now(), false);
  }

  failure(permit: Permit, cause: BreakerCause): void {
    const now = this.clock.now();
    if (permit.probe) {
      this.#probeOut = false;
      this.#reopens += 1;
      this.#open(now, this.#backoffMs(), cause);
      return;
    }
    if (this.#state !== 'closed') return;
    this.#consecutive += 1;
    this.#window.add(now, true);
    const { calls, failures } = this.#window.totals(now);
    const byRatio = calls >= this.options.minimumCount && failures / calls >= this.options.failureRatio;
    if (this.#consecutive >= this.options.consecutiveFailures || byRatio) this.#open(now, this.options.openMs, cause);
  }

  /** Opens at once for `holdMs`, or until `untilMs` (monotonic) when that is later. */
  hold(permit: Permit, cause: BreakerCause, untilMs?: number): void {
    if (permit.probe) this.#probeOut = false;
    const now = this.clock.now();
    const ms = Math.max(this.options.holdMs, (untilMs ?? now) - now);
    if (this.#state === 'open' && this.#openUntil >= now + ms) return;
    this.#open(now, ms, cause);
  }

  /** The call ended with nothing to say about the target (a request-owned outcome, an abort). */
  release(permit: Permit): void {
    if (permit.probe) this.#probeOut = false;
  }

  #backoffMs(): number {
    return Math.min(this.options.maxOpenMs, this.options.openMs * 2 ** Math.min(this.#reopens, 30));
  }

  #open(now: number, ms: number, cause: BreakerCause, heard?: number): void {
    this.#state = 'open';
    this.#openUntil = now + ms;
    this.#cause = cause;
    this.#consecutive = 0;
    this.#window.clear();
    this.#heardUntil = heard;
    this.#openedAtWall = this.clock.wallNow();
    if (this.shared === undefined) return;
    const { share, id } = this.shared;
    if (heard === undefined) {
      this.#toldUntil = this.clock.wallNow() + ms;
      share.opened(id, { untilEpochMs: this.#toldUntil, cause });
    }
    // Whole ms: the instant as every process hears it (a store keeps it rounded).
    this.#claimAt = Math.round(heard ?? (this.#toldUntil as number));
    share.claimProbe?.(id, this.#claimAt);
  }

  /** Takes up another process's opening that outlasts this one's; closes on a probe's success heard since it opened. */
  #listen({ share, id }: SharedBreaker): void {
    const word = share.heard(id);
    if (word === undefined) return;
    if ('closedAtEpochMs' in word) {
      if (this.#state === 'open' && !this.#probeOut && word.closedAtEpochMs > this.#openedAtWall) this.#close(false);
      return;
    }
    const wall = this.clock.wallNow();
    const { untilEpochMs } = word;
    if (untilEpochMs <= wall || untilEpochMs === this.#heardUntil || untilEpochMs === this.#toldUntil) return;
    const now = this.clock.now();
    const until = now + (untilEpochMs - wall);
    if (this.#state === 'closed' || until > this.#openUntil + 1)
      this.#open(now, until - now, word.cause as BreakerCause, untilEpochMs);
  }

  #close(announce = true): void {
    if (announce && this.#state === 'open')
      this.shared?.share.closed(this.shared.id, { closedAtEpochMs: this.clock.wallNow() });
    this.#heardUntil = undefined;
    this.#claimAt = undefined;
    this.#state = 'closed';
    this.#reopens = 0;
    this.#consecutive = 0;
    this.#cause = undefined;
    this.#window.clear();
  }
}
