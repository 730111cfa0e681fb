import { getEventListeners } from 'node:events';
import {
  type CallResult,
  createEngine,
  type Engine,
  flushMicrotasks,
  type PolicyInput,
  seededRandom,
  VirtualClock,
} from '../../src/index.js';

export interface Harness {
  readonly clock: VirtualClock;
  readonly engine: Engine;
}

/** An engine on a virtual clock and a seeded random source, with no throttle and no retry gate. */
export function harness(policy: PolicyInput = {}, seed = 1): Harness {
  const clock = new VirtualClock();
  return {
    clock,
    engine: createEngine({ policy, clock, random: seededRandom(seed), throttle: false, retryGate: false }),
  };
}

/**
 * Runs the virtual clock until no timer is left and returns the call's result. Fails instead of
 * hanging when the call has still not settled by then.
 */
export async function settle<T>(clock: VirtualClock, call: Promise<CallResult<T>>): Promise<CallResult<T>> {
  let done = false;
  void call.then(() => {
    done = true;
  });
  await clock.runAll();
  await flushMicrotasks();
  if (!done) throw new Error('the call did not settle once every timer had fired');
  return call;
}

/** Whether a promise has settled, without waiting for it. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await flushMicrotasks();
  return done;
}

/** Abort listeners left on a caller's signal (G6: must be 0 after a call settles). */
export function abortListeners(signal: AbortSignal): number {
  return getEventListeners(signal, 'abort').length;
}
