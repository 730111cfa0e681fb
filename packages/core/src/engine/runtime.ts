import type { Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import type { RetryGate, Throttle } from '../throttle/throttle.js';
import type { AttemptEvent, GiveUpEvent, RetryEvent, SuccessEvent } from './types.js';

/** What one engine hands every call it runs: time, randomness, pacing and its event outlets. */
export interface Runtime {
  readonly clock: Clock;
  readonly random: Random;
  readonly throttle: Throttle;
  readonly gate: RetryGate | undefined;
  readonly emit: {
    attempt(event: AttemptEvent): void;
    retry(event: RetryEvent): void;
    giveUp(event: GiveUpEvent): void;
    success(event: SuccessEvent): void;
  };
}
