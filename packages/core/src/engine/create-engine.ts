import { createEmitter } from '../events/event.js';
import { definePolicy } from '../policy/define-policy.js';
import type { Policy, PolicyInput } from '../policy/types.js';
import { type Clock, systemClock } from '../runtime/clock.js';
import { mathRandom, type Random } from '../runtime/random.js';
import { createAdaptiveThrottle } from '../throttle/adaptive-throttle.js';
import { createOutageGate } from '../throttle/outage-gate.js';
import { noThrottle, type RetryGate, type Throttle } from '../throttle/throttle.js';
import { createAttemptWrappers } from './attempt-wrappers.js';
import { guardedRandom } from './call.js';
import { runCall } from './run-call.js';
import type {
  AttemptEvent,
  AttemptFunction,
  AttemptStartEvent,
  CallOptions,
  CallResult,
  CallStartEvent,
  Engine,
  GiveUpEvent,
  RetryEvent,
  SuccessEvent,
} from './types.js';

export interface EngineOptions {
  /** The policy: an input (validated here) or one built by `definePolicy()`. @default the default policy */
  readonly policy?: PolicyInput | Policy;
  /** Paces attempts per scope. `false` turns throttling off. @default an in-memory adaptive throttle, one per engine */
  readonly throttle?: Throttle | false;
  /** Consulted before each retry (a retry budget or breaker). `false`: no gate. @default an outage gate, one per engine */
  readonly retryGate?: RetryGate | false;
  /** @default the system clock */
  readonly clock?: Clock;
  /** @default Math.random. One that throws is reported (as an uncaught error, like a throwing event listener) and reads as 0. */
  readonly random?: Random;
}

/**
 * Builds the engine adapters share: it runs attempts, classifies each outcome against the
 * policy, decides, and sleeps. It never throws from `execute`; the result says how the call ended.
 */
export function createEngine(options: EngineOptions = {}): Engine {
  const policy = definePolicy(options.policy ?? {});
  const callStart = createEmitter<CallStartEvent>();
  const attemptStart = createEmitter<AttemptStartEvent>();
  const wrappers = createAttemptWrappers();
  const attempt = createEmitter<AttemptEvent>();
  const retry = createEmitter<RetryEvent>();
  const giveUp = createEmitter<GiveUpEvent>();
  const success = createEmitter<SuccessEvent>();
  const clock = options.clock ?? systemClock;
  const runtime = {
    clock,
    random: options.random === undefined ? mathRandom : guardedRandom(options.random),
    throttle: options.throttle === false ? noThrottle : (options.throttle ?? createAdaptiveThrottle({ clock })),
    gate: options.retryGate === false ? undefined : (options.retryGate ?? createOutageGate({ clock })),
    wrap: wrappers.run,
    emit: {
      callStart: callStart.emit,
      attemptStart: attemptStart.emit,
      attempt: attempt.emit,
      retry: retry.emit,
      giveUp: giveUp.emit,
      success: success.emit,
    },
  };
  return Object.freeze({
    policy,
    onCallStart: callStart.event,
    onAttemptStart: attemptStart.event,
    onAttempt: attempt.event,
    onRetry: retry.event,
    onGiveUp: giveUp.event,
    onSuccess: success.event,
    wrapAttempt: wrappers.add,
    execute<T>(run: AttemptFunction<T>, call: CallOptions = {}): Promise<CallResult<T>> {
      return runCall(runtime, call.policy ?? policy, run, call);
    },
  });
}
