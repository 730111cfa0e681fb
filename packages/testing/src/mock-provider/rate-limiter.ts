import { type Admission, KeyLimits, type LimitReadings } from './key-limits.js';
import type { ResetMeaning } from './meter.js';
import type { ResolvedLimiter, ResolvedLimits } from './resolve-options.js';

interface ScheduledLimits {
  readonly atMs: number;
  readonly limits: ResolvedLimits;
}

/**
 * Meters per API key, with limits that change on a schedule or on demand. Times are the
 * provider's milliseconds since start; `wallOffsetMs` is the wall-clock time of its 0 ms, which
 * fixed windows are aligned to.
 */
export class RateLimiter {
  readonly #keys = new Map<string, KeyLimits>();
  readonly #limiter: ResolvedLimiter;
  readonly #wallOffsetMs: number;
  readonly #schedule: readonly ScheduledLimits[];
  #limits: ResolvedLimits;
  /** How many scheduled steps have been applied. */
  #applied = 0;

  constructor(
    limiter: ResolvedLimiter,
    wallOffsetMs: number,
    limits: ResolvedLimits,
    schedule: readonly ScheduledLimits[],
  ) {
    this.#limiter = limiter;
    this.#wallOffsetMs = wallOffsetMs;
    this.#limits = limits;
    this.#schedule = [...schedule].sort((a, b) => a.atMs - b.atMs);
  }

  admit(key: string, tokens: number, nowMs: number): Admission {
    return this.#key(key, nowMs).admit(tokens, nowMs);
  }

  /** The answer to an admitted request has been sent (a concurrency cap frees its slot). */
  release(key: string, tokens: number): void {
    this.#keys.get(key)?.release(tokens);
  }

  readings(key: string, tokens: number, nowMs: number, meaning: ResetMeaning): LimitReadings {
    return this.#key(key, nowMs).readings(tokens, nowMs, meaning);
  }

  /** New limits for every key from `nowMs` on. */
  setLimits(limits: ResolvedLimits, nowMs: number): void {
    this.#limits = limits;
    for (const bucket of this.#keys.values()) bucket.setLimits(limits, nowMs);
  }

  #key(key: string, nowMs: number): KeyLimits {
    this.#catchUp(nowMs);
    let limits = this.#keys.get(key);
    if (limits === undefined) {
      limits = new KeyLimits(this.#limiter, this.#wallOffsetMs, this.#limits, nowMs);
      this.#keys.set(key, limits);
    }
    return limits;
  }

  /** Applies scheduled steps that fell due, each at its own instant so refill before it uses the old rate. */
  #catchUp(nowMs: number): void {
    for (let step = this.#schedule[this.#applied]; step !== undefined && step.atMs <= nowMs; ) {
      this.setLimits(step.limits, step.atMs);
      this.#applied++;
      step = this.#schedule[this.#applied];
    }
  }
}
