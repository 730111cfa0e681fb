import { type Admission, KeyLimits, type LimitReadings } from './key-limits.js';
import type { ResolvedLimits } from './resolve-options.js';

interface ScheduledLimits {
  readonly atMs: number;
  readonly limits: ResolvedLimits;
}

/**
 * Buckets per API key, with limits that change on a schedule or on demand. Times are the
 * provider's milliseconds since start.
 */
export class RateLimiter {
  readonly #keys = new Map<string, KeyLimits>();
  readonly #schedule: readonly ScheduledLimits[];
  #limits: ResolvedLimits;
  /** How many scheduled steps have been applied. */
  #applied = 0;

  constructor(limits: ResolvedLimits, schedule: readonly ScheduledLimits[]) {
    this.#limits = limits;
    this.#schedule = [...schedule].sort((a, b) => a.atMs - b.atMs);
  }

  admit(key: string, tokens: number, nowMs: number): Admission {
    return this.#key(key, nowMs).admit(tokens, nowMs);
  }

  readings(key: string, tokens: number, nowMs: number, meaning: 'next' | 'full'): LimitReadings {
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
      limits = new KeyLimits(this.#limits, nowMs);
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
