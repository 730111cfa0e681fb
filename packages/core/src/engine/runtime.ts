import type { Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import type { RetryGate, Throttle } from '../throttle/throttle.js';
import type {
  AttemptEvent,
  AttemptStartEvent,
  CallStartEvent,
  GiveUpEvent,
  RetryEvent,
  SuccessEvent,
} from './types.js';

/** What one engine hands every call it runs: time, randomness, pacing and its event outlets. */
export interface Runtime {
  readonly clock: Clock;
  readonly random: Random;
  readonly throttle: Throttle;
  readonly gate: RetryGate | undefined;
  /** Runs one attempt's transport call inside the registered wrappers (attempt-wrappers.ts). */
  readonly wrap: <R>(event: AttemptStartEvent, run: () => R) => R;
  readonly emit: {
    callStart(event: CallStartEvent): void;
    attemptStart(event: AttemptStartEvent): void;
    attempt(event: AttemptEvent): void;
    retry(event: RetryEvent): void;
    giveUp(event: GiveUpEvent): void;
    success(event: SuccessEvent): void;
  };
}
